package dev.pulse.security;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The credentials of {@code make run}: made on the first start, kept in {@code <dir>/credentials} for the person
 * running Pulse (the admin's password, an ingest key, and the secrets the services share among themselves), and
 * written as the services read them, hashed where they are checked, to {@code <dir>/access.properties}. The directory
 * is its owner's only; in it, {@code credentials} is readable by its owner only, {@code access.properties} by anyone
 * who can reach it, since the containers of the compose deployment read it as another user. Deleting them makes new
 * ones at the next start.
 * <p>
 * Usage: {@code java -cp <the services' libraries> dev.pulse.security.LocalCredentials <dir>}
 */
public final class LocalCredentials {

    static final String ADMIN_USER = "admin-user";
    static final String ADMIN_PASSWORD = "admin-password";
    static final String INGEST_KEY = "ingest-key";
    static final String DASHBOARD_KEY = "dashboard-key";
    static final String PEER_KEY = "peer-key";
    static final String SESSION_KEY = "session-key";

    private static final String OWNER_ONLY = "rw-------";
    private static final String READABLE = "rw-r--r--";

    private LocalCredentials() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LocalCredentials <directory>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path credentials = dir.resolve("credentials");
        Map<String, String> made = Files.exists(credentials) ? read(credentials) : Map.of();
        Map<String, String> kept = complete(made);
        if (!kept.equals(made)) {
            write(credentials, OWNER_ONLY, "Pulse's credentials for make run: keep this file to yourself. Delete it (and "
                    + "access.properties) for new ones at the next start.", kept);
        }
        write(dir.resolve("access.properties"), READABLE, "What the services of make run check credentials against, "
                + "made from the file credentials at each start.", serviceConfig(kept));
    }

    /** {@code made}, with whatever it lacks made afresh. */
    static Map<String, String> complete(Map<String, String> made) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(ADMIN_USER, made.getOrDefault(ADMIN_USER, "admin"));
        all.put(ADMIN_PASSWORD, made.getOrDefault(ADMIN_PASSWORD, NewCredentials.password()));
        all.put(INGEST_KEY, made.getOrDefault(INGEST_KEY, NewCredentials.key()));
        all.put(DASHBOARD_KEY, made.getOrDefault(DASHBOARD_KEY, NewCredentials.key()));
        all.put(PEER_KEY, made.getOrDefault(PEER_KEY, NewCredentials.key()));
        all.put(SESSION_KEY, made.getOrDefault(SESSION_KEY, NewCredentials.key()));
        return all;
    }

    /** The configuration every service of make run reads: each takes what it needs. */
    static Map<String, String> serviceConfig(Map<String, String> credentials) {
        String admin = credentials.get(ADMIN_USER);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pulse.access.users." + admin + ".password-hash", NewCredentials.passwordHash(credentials.get(ADMIN_PASSWORD)));
        config.put("pulse.access.users." + admin + ".roles", Roles.ADMIN);
        config.put("pulse.access.keys.ingest.sha256", NewCredentials.keyDigest(credentials.get(INGEST_KEY)));
        config.put("pulse.access.keys.ingest.roles", Roles.INGEST);
        config.put("pulse.access.keys.dashboard.sha256", NewCredentials.keyDigest(credentials.get(DASHBOARD_KEY)));
        config.put("pulse.access.keys.dashboard.roles", Roles.VIEWER);
        config.put("pulse.access.peer-key", credentials.get(PEER_KEY));
        config.put("pulse.dashboard.analytics-key", credentials.get(DASHBOARD_KEY));
        config.put("quarkus.http.auth.session.encryption-key", credentials.get(SESSION_KEY));
        return config;
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> read = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> read.put(name, properties.getProperty(name).trim()));
        return read;
    }

    /** Written as {@code name=value} lines, created with {@code permissions}. */
    private static void write(Path file, String permissions, String comment, Map<String, String> values) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary);
        // Set after creation: the umask would narrow the permissions given at creation.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write("# " + comment + "\n");
            for (Map.Entry<String, String> value : values.entrySet()) {
                writer.write(value.getKey() + "=" + value.getValue() + "\n");
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
