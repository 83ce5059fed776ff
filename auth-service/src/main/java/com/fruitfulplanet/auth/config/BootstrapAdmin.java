package com.fruitfulplanet.auth.config;

import com.fruitfulplanet.auth.account.AccountService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first administrator, from {@code fruitfulplanet.auth.bootstrap-admin.*}, created on start when no active
 * admin exists; afterwards the settings do nothing (changing them does not reset anyone's password). The password
 * must pass the same policy as everyone's.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccountService accounts;
    private final AuthProperties.BootstrapAdmin settings;

    BootstrapAdmin(AccountService accounts, AuthProperties properties) {
        this.accounts = accounts;
        this.settings = properties.bootstrapAdmin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.configured()) {
            return;
        }
        // Start-up, not a request path.
        accounts.bootstrapAdmin(settings.email(), settings.name(), settings.password())
                .doOnNext(admin -> log.info("Created the bootstrap admin {} ({})", admin.email(), admin.id()))
                .block(Duration.ofSeconds(30));
    }
}
