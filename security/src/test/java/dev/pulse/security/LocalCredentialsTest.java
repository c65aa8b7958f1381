package dev.pulse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.elytron.security.common.BcryptUtil;

class LocalCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void madeOnceKeptPrivateAndHashedForTheServices() throws IOException {
        dir = dir.resolve(".pulse");
        LocalCredentials.main(new String[] { dir.toString() });
        Properties credentials = load(dir.resolve("credentials"));
        Properties access = load(dir.resolve("access.properties"));

        assertEquals("admin", credentials.getProperty("admin-user"));
        String password = credentials.getProperty("admin-password");
        String ingestKey = credentials.getProperty("ingest-key");
        assertTrue(BcryptUtil.matches(password, access.getProperty("pulse.access.users.admin.password-hash")));
        assertEquals(KeyDigest.sha256(ingestKey), access.getProperty("pulse.access.keys.ingest.sha256"));
        assertEquals("ingest", access.getProperty("pulse.access.keys.ingest.roles"));
        assertEquals(KeyDigest.sha256(credentials.getProperty("dashboard-key")), access.getProperty("pulse.access.keys.dashboard.sha256"));
        assertEquals(credentials.getProperty("dashboard-key"), access.getProperty("pulse.dashboard.analytics-key"));
        assertTrue(access.values().stream().noneMatch(value -> value.equals(password) || value.equals(ingestKey)),
                "neither the admin's password nor the ingest key is written for the services");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("credentials"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("access.properties"))),
                "readable by the containers' users, inside the owner's directory");

        LocalCredentials.main(new String[] { dir.toString() });

        assertEquals(credentials, load(dir.resolve("credentials")), "the next start keeps them");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
