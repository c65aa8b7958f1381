package dev.pulse.security;

import java.security.SecureRandom;
import java.util.Base64;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Fresh random credentials, and their digests as {@link AccessConfig} holds them. */
public final class NewCredentials {

    /** bcrypt's cost: 2^10 rounds, about 50-100 ms per check on a server core. */
    static final int BCRYPT_COST = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private NewCredentials() {
    }

    /** 144 random bits, as 24 URL-safe characters. */
    public static String password() {
        return randomText(18);
    }

    /** 256 random bits after {@code pulse_}, which tells a Pulse key apart where it turns up. */
    public static String key() {
        return "pulse_" + randomText(32);
    }

    public static String passwordHash(String password) {
        return BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    public static String keyDigest(String key) {
        return KeyDigest.sha256(key);
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
