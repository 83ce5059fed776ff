package com.fruitfulplanet.auth.audit;

import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.paging.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The audit log for admins, newest first, cursor-paged. */
@RestController
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit-log")
    public Mono<Page<AuditLog.AuditEntry>> page(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit);
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(Cursors.decode(cursor));
            } catch (NumberFormatException e) {
                return Mono.error(Cursors.invalid());
            }
        }
        return audit.page(before, size + 1).collectList()
                .map(found -> Page.of(found, size, last -> Long.toString(last.id())));
    }
}
