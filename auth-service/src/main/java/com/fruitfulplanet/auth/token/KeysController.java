package com.fruitfulplanet.auth.token;

import com.fruitfulplanet.auth.audit.AuditLog;
import com.fruitfulplanet.auth.web.AuthProblems;
import com.fruitfulplanet.platform.security.Caller;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public signing keys (RFC 7517) and, for admins, rotation of generated keys. */
@RestController
public class KeysController {

    private final SigningKeys keys;
    private final AuditLog audit;

    public KeysController(SigningKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** Cacheable briefly: verifiers refetch on an unknown kid anyway. */
    @GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .contentType(MediaType.parseMediaType("application/jwk-set+json"))
                .body(keys.published().toJSONObject());
    }

    public record Rotated(String activeKeyId) {
    }

    @PostMapping("/api/v1/auth/signing-keys/rotate")
    public Mono<Rotated> rotate(@AuthenticationPrincipal Jwt token) {
        if (keys.configured()) {
            return Mono.error(AuthProblems.conflict("keys-configured", "Keys are configured",
                    "The signing keys come from configuration; rotate them in the Secret."));
        }
        return keys.rotate()
                .flatMap(kid -> audit.record(Caller.of(token).id(), "SIGNING_KEY_ROTATED", kid, Map.of())
                        .thenReturn(new Rotated(kid)));
    }
}
