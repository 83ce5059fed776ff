package com.fruitfulplanet.devstack.secrets;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local stack's own secrets: one database password per service role and the password of the bootstrap admin
 * (the account auth-service creates on its first start), generated once and kept in
 * {@code <home>/secrets.properties} (owner read/write only) so the roles in the kept Postgres data, and the admin in
 * it, keep working across restarts. Nothing here is used outside this machine; the values reach services only
 * through their environment, never a command line that {@code ps} would show.
 */
public final class LocalSecrets {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The admin password's key in the file. */
    public static final String ADMIN_PASSWORD_KEY = "auth.bootstrap-admin.password";

    private final Map<String, String> databasePasswords;
    private final String adminPassword;

    private LocalSecrets(Map<String, String> databasePasswords, String adminPassword) {
        this.databasePasswords = Map.copyOf(databasePasswords);
        this.adminPassword = adminPassword;
    }

    /**
     * Reads the file, adds a password for every role that has none yet (a new service), and the admin password if
     * there is none yet, and writes it back only when something was added. Tightens the file's permissions if
     * someone loosened them.
     */
    public static LocalSecrets loadOrCreate(Path file, Collection<String> roles) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            restrictToOwner(file);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(reader);
            }
        }
        Map<String, String> passwords = new TreeMap<>();
        boolean added = false;
        for (String role : roles) {
            String password = stored.getProperty(key(role));
            if (password == null || password.isBlank()) {
                password = newPassword();
                stored.setProperty(key(role), password);
                added = true;
            }
            passwords.put(role, password);
        }
        String adminPassword = stored.getProperty(ADMIN_PASSWORD_KEY);
        if (adminPassword == null || adminPassword.isBlank()) {
            adminPassword = newPassword();
            stored.setProperty(ADMIN_PASSWORD_KEY, adminPassword);
            added = true;
        }
        if (added) {
            write(file, stored);
        }
        return new LocalSecrets(passwords, adminPassword);
    }

    public String databasePassword(String role) {
        String password = databasePasswords.get(role);
        if (password == null) {
            throw new IllegalArgumentException("No local database password for role " + role);
        }
        return password;
    }

    /**
     * The bootstrap admin's password. auth-service uses it only when it creates that admin (no admin exists yet):
     * changing it here later does not change the password of an existing account.
     */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * 24 random bytes, 32 characters: long enough for any password policy, and never a common password. URL-safe,
     * so it needs no quoting in a JDBC URL, a shell or a properties file.
     */
    private static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String role) {
        return "database." + role + ".password";
    }

    /** Written to a temporary file created owner-only, then moved over: never world-readable, not even briefly. */
    private static void write(Path file, Properties secrets) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = posix()
                ? Files.createTempFile(directory, ".secrets", ".tmp", ownerOnly())
                : Files.createTempFile(directory, ".secrets", ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                secrets.store(writer, """
                        Local-only secrets generated by devstack for this machine's stack. Not used anywhere else.
                        Delete this file and run ./devstack up --wipe to start over with new ones.""");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }

    @Override
    public String toString() {
        return "LocalSecrets" + databasePasswords.keySet();
    }
}
