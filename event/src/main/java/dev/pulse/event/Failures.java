package dev.pulse.event;

/** What the services need to say about a failure in one line of log or status. */
public final class Failures {

    private Failures() {
    }

    /** The innermost cause, which names what actually went wrong (a refused connection, a timeout). */
    public static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
