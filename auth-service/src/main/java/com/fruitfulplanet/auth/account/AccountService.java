package com.fruitfulplanet.auth.account;

import com.fruitfulplanet.auth.audit.AuditLog;
import com.fruitfulplanet.auth.password.PasswordHashing;
import com.fruitfulplanet.auth.password.PasswordPolicy;
import com.fruitfulplanet.auth.token.RefreshTokens;
import com.fruitfulplanet.auth.web.AuthProblems;
import com.fruitfulplanet.platform.security.Caller;
import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.paging.Page;
import com.fruitfulplanet.contracts.events.auth.UserDeleted;
import com.fruitfulplanet.contracts.events.auth.UserRegistered;
import com.fruitfulplanet.contracts.events.auth.UserUpdated;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Accounts: registration, the user's own profile and administration. Every change is written with its domain
 * event (through the outbox) and, when an admin makes it, its audit entry, in one transaction.
 */
@Service
public class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final PasswordHashing passwords;
    private final PasswordPolicy policy;
    private final RefreshTokens refreshTokens;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    public AccountService(Accounts accounts, PasswordHashing passwords, PasswordPolicy policy,
            RefreshTokens refreshTokens, Outbox outbox, AuditLog audit, TransactionalOperator transactions,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A shopper signs up: always CUSTOMER, whatever the request claimed. */
    public Mono<Account> register(AccountRequests.Registration request) {
        // Not an administrative action: no audit entry, the UserRegistered event is the record.
        return create(request.email().trim(), request.name().trim(), request.password(), List.of(Role.CUSTOMER),
                null, null);
    }

    /** The first admin, from configuration; nothing happens when any active admin exists. */
    public Mono<Account> bootstrapAdmin(String email, String name, String password) {
        return accounts.anyActiveAdmin().flatMap(exists -> exists ? Mono.empty()
                : create(email.trim(), name, password, List.of(Role.ADMIN), null, "BOOTSTRAP_ADMIN_CREATED"));
    }

    /** A partner system's account (1C and others): a generated password, returned once, never stored in clear. */
    public Mono<CreatedPartner> createPartner(Caller admin, AccountRequests.NewPartner request) {
        String password = generatedPassword();
        return create(request.email().trim(), request.name().trim(), password, List.of(Role.PARTNER), admin.id(),
                "PARTNER_CREATED")
                .map(account -> new CreatedPartner(AccountView.of(account), password));
    }

    public record CreatedPartner(AccountView account, String password) {
    }

    private Mono<Account> create(String email, String name, String password, List<Role> roles, UUID actor,
            String auditAction) {
        return Mono.justOrEmpty(policy.problemWith(password, email))
                .flatMap(problem -> Mono.<String>error(AuthProblems.invalidField("password", problem)))
                .switchIfEmpty(Mono.defer(() -> passwords.hash(password)))
                .flatMap(hash -> transactions.transactional(
                        accounts.insert(UUID.randomUUID(), email, name, hash, roles)
                                .flatMap(account -> outbox.append(new UserRegistered(account.id(), account.email(),
                                                account.name(), account.createdAt()))
                                        .then(auditAction == null ? Mono.empty()
                                                : audit.record(actor, auditAction, account.id(),
                                                        Map.of("email", account.email(), "roles", account.roleNames())))
                                        .thenReturn(account))))
                .switchIfEmpty(Mono.error(AuthProblems::duplicateEmail));
    }

    public Mono<Account> get(Caller caller, UUID id) {
        if (!caller.mayActOn(id)) {
            return Mono.error(AuthProblems.notFound("user"));
        }
        return accounts.byId(id).filter(account -> account.status() != Account.Status.DELETED)
                .switchIfEmpty(Mono.error(() -> AuthProblems.notFound("user")));
    }

    public Mono<Page<AccountView>> list(Integer limit, String cursor, Role role) {
        int size = Cursors.limit(limit);
        Instant afterCreatedAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] position = Cursors.decode(cursor).split("\\|", 2);
            try {
                afterCreatedAt = Instant.parse(position[0]);
                afterId = UUID.fromString(position[1]);
            } catch (RuntimeException e) {
                return Mono.error(Cursors.invalid());
            }
        }
        return accounts.page(afterCreatedAt, afterId, role, size + 1).collectList()
                .map(found -> Page.of(found, size, last -> last.createdAt() + "|" + last.id()))
                .map(page -> new Page<>(page.items().stream().map(AccountView::of).toList(), page.nextCursor()));
    }

    /**
     * Changes email, name and (admins editing someone else only) roles. Nobody changes their own roles: a
     * customer cannot promote themselves, and an admin cannot remove the last way back in by accident.
     */
    public Mono<Account> update(Caller caller, UUID id, AccountRequests.Update request) {
        return get(caller, id).flatMap(current -> {
            boolean rolesMayChange = caller.isAdmin() && !caller.id().equals(id) && request.roles() != null;
            List<Role> roles = rolesMayChange ? request.roles().stream().distinct().toList() : current.roles();
            if (roles.isEmpty()) {
                return Mono.error(AuthProblems.invalidField("roles", "must name at least one role"));
            }
            return transactions.transactional(accounts.update(id, request.email().trim(), request.name().trim(), roles)
                            .flatMap(updated -> outbox.append(new UserUpdated(updated.id(), updated.email(),
                                            updated.name(), updated.roleNames(), updated.updatedAt()))
                                    .then(caller.id().equals(id) ? Mono.empty()
                                            : audit.record(caller.id(), "USER_UPDATED", id, Map.of(
                                                    "rolesBefore", current.roleNames(),
                                                    "rolesAfter", updated.roleNames(),
                                                    "emailChanged", !current.email().equalsIgnoreCase(updated.email()))))
                                    .thenReturn(updated)))
                    .switchIfEmpty(Mono.error(AuthProblems::duplicateEmail));
        });
    }

    /** Deletes the account, ends all its sessions, and tells the other services (UserDeleted). */
    public Mono<Void> delete(Caller caller, UUID id) {
        return get(caller, id).flatMap(account -> transactions.transactional(accounts.delete(id)
                .filter(Boolean::booleanValue)
                .flatMap(deleted -> refreshTokens.revokeAll(id)
                        .then(outbox.append(new UserDeleted(id, clock.instant())))
                        .then(caller.id().equals(id) ? Mono.empty()
                                : audit.record(caller.id(), "USER_DELETED", id, Map.of("roles", account.roleNames()))))
                .then()));
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
