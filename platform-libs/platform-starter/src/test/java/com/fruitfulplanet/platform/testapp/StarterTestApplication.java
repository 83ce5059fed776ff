package com.fruitfulplanet.platform.testapp;

import com.fruitfulplanet.contracts.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A tiny service built on the starter, as a real service would be, to test what the starter gives it. */
@SpringBootApplication
public class StarterTestApplication {

    public record ItemRequest(@NotBlank String name, @Email String contact, @Positive int quantity) {
    }

    public record Priced(Money price, Instant at) {
    }

    @RestController
    static class Endpoints {

        @PostMapping(path = "/api/v1/public/items", consumes = MediaType.APPLICATION_JSON_VALUE)
        Mono<ItemRequest> create(@Valid @RequestBody ItemRequest request) {
            return Mono.just(request);
        }

        @GetMapping("/api/v1/public/price")
        Priced price() {
            return new Priced(Money.of("1234.50", "RUB"), Instant.parse("2026-11-21T10:15:30Z"));
        }

        @PostMapping(path = "/api/v1/public/price", consumes = MediaType.APPLICATION_JSON_VALUE)
        Mono<Priced> echoPrice(@RequestBody Priced priced) {
            return Mono.just(priced);
        }

        /** What a handler sees when its client hung up (the gateway gave up on it). */
        @GetMapping("/api/v1/public/client-gone")
        Mono<String> clientGone() {
            return Mono.error(new reactor.netty.channel.AbortedException("Connection has been closed"));
        }

        @GetMapping("/api/v1/public/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("SELECT password_hash FROM auth.user_account"));
        }

        @GetMapping("/api/v1/public/busy")
        Mono<String> busy() {
            org.springframework.http.HttpStatus status = org.springframework.http.HttpStatus.TOO_MANY_REQUESTS;
            org.springframework.web.ErrorResponseException busy = new org.springframework.web.ErrorResponseException(
                    status, org.springframework.http.ProblemDetail.forStatusAndDetail(status, "Slow down."), null);
            busy.getHeaders().set("Retry-After", "7");
            return Mono.error(busy);
        }

        @GetMapping("/api/v1/private/whoami")
        List<String> whoami(Authentication authentication) {
            return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        }
    }
}
