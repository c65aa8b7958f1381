package dev.pulse.producer.tracker;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads an origin of {@code pulse.producer.tracker.allowed-origins} as people write it and gives it as browsers send
 * it in {@code Origin}: scheme and host in lower case, the host's Unicode labels in punycode, no default port, no
 * trailing slash. Anything else (a path, a query, user info, another scheme, no host) is refused, so that a typo
 * stops the producer at start-up instead of refusing every beacon of the site.
 */
public class AllowedOrigin implements Converter<String> {

    @Override
    public String convert(String value) {
        String written = value.strip();
        URI origin;
        try {
            origin = new URI(written);
            if (origin.getHost() == null && origin.getRawAuthority() != null) {
                // java.net.URI takes only ASCII host names: give it the host's punycode (ASCII labels, such as the
                // port's, stay as they are).
                origin = new URI(origin.getScheme(), IDN.toASCII(origin.getAuthority()), origin.getPath(),
                        origin.getQuery(), origin.getFragment());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw notAnOrigin(written, e.getMessage());
        }
        String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> throw notAnOrigin(written, "the scheme must be http or https");
        };
        if (origin.getHost() == null || origin.getRawUserInfo() != null || origin.getRawQuery() != null
                || origin.getRawFragment() != null || !(origin.getRawPath().isEmpty() || origin.getRawPath().equals("/"))) {
            throw notAnOrigin(written, "an origin is scheme://host[:port], without user, path, query or fragment");
        }
        int port = origin.getPort() == defaultPort ? -1 : origin.getPort();
        return scheme + "://" + origin.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
    }

    private static IllegalArgumentException notAnOrigin(String written, String reason) {
        return new IllegalArgumentException("\"" + written + "\" in pulse.producer.tracker.allowed-origins is not an origin: "
                + reason + " (e.g. https://www.example.com)");
    }
}
