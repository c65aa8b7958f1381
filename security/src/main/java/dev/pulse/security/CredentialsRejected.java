package dev.pulse.security;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Why Pulse refused credentials it checked, as the cause of Quarkus' authentication failure: a message fit for the
 * caller, naming no user and no key.
 */
public final class CredentialsRejected extends RuntimeException {

    private CredentialsRejected(String message) {
        super(message, null, false, false);
    }

    static AuthenticationFailedException because(String message) {
        return new AuthenticationFailedException(new CredentialsRejected(message));
    }

    /** The reason Pulse gave, if Pulse refused the credentials behind {@code failure}. */
    static String reasonIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CredentialsRejected rejected) {
                return rejected.getMessage();
            }
        }
        return null;
    }
}
