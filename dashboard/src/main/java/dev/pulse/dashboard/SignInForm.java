package dev.pulse.dashboard;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.pulse.security.AccessConfig;
import dev.pulse.security.KeyAuthentication;
import dev.pulse.security.NewCredentials;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus' form authentication ({@code quarkus.http.auth.form.*}) for the sign-in page: the form posts a built-in
 * user's name and password, which {@code BuiltInUsers} checks (slowing down repeated failures), and a success sets an
 * encrypted session cookie naming the user, which then authenticates the page, its streams and its queries until it
 * expires ({@link SessionUsers} gives it the user's roles).
 * <p>
 * Asked before the other mechanisms, so that its answer comes first where a browser is to be sent elsewhere: a request
 * for the page without credentials goes to the sign-in page (and comes back to the view it asked for once signed in),
 * a failed sign-in to the sign-in page saying so. Anything else without credentials (the page's streams and queries,
 * scripts) gets the {@code 401} every endpoint of Pulse answers, from {@link KeyAuthentication}.
 */
@Singleton
// Made at start rather than at the first request, so that a missing session key is reported with the start-up.
@Startup
class SignInForm extends FormAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(SignInForm.class);

    private final FormAuthConfig form;
    private final KeyAuthentication keys;

    @Inject
    SignInForm(Config config, AccessConfig access, KeyAuthentication keys) {
        this(config.unwrap(SmallRyeConfig.class).getConfigMapping(VertxHttpConfig.class), access, keys);
    }

    private SignInForm(VertxHttpConfig http, AccessConfig access, KeyAuthentication keys) {
        super(http.auth().form(), Optional.of(http.encryptionKey().orElseGet(() -> temporaryKey(access))));
        this.form = http.auth().form();
        this.keys = keys;
    }

    /** A key of this instance's own when none is configured: Quarkus would make one too, and write it to the log. */
    private static String temporaryKey(AccessConfig access) {
        if (!access.open()) {
            LOG.warn("quarkus.http.auth.session.encryption-key is not set: sign-ins hold on this instance only and end "
                    + "when it stops; give every dashboard instance the same key (see the README's Access section)");
        }
        return NewCredentials.key();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext request) {
        return answeredByTheForm(request) ? super.getChallenge(request) : keys.getChallenge(request);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext request) {
        if (!answeredByTheForm(request)) {
            return keys.sendChallenge(request);
        }
        // Sent at once, as the key mechanism's is: a failed sign-in would otherwise go on to the error handlers, which
        // answer every refusal of credentials with a 401.
        return super.sendChallenge(request).invoke(() -> request.response().end());
    }

    /**
     * A browser asking for the page with no credentials (a script that sent some is told why they were refused), or
     * posting the sign-in form.
     */
    private boolean answeredByTheForm(RoutingContext request) {
        HttpServerRequest http = request.request();
        String path = request.normalizedPath();
        return HttpMethod.GET.equals(http.method()) && DashboardPage.PATH.equals(path)
                && http.getHeader(HttpHeaders.AUTHORIZATION) == null
                || HttpMethod.POST.equals(http.method()) && form.postLocation().equals(path);
    }

    @Override
    public int getPriority() {
        return keys.getPriority() + 1;
    }

    /** Ends the browser's session: its cookie, replaced by an expired one with the same name, path and domain. */
    void signOut(RoutingContext request) {
        Cookie expired = Cookie.cookie(form.cookieName(), "")
                .setPath(form.cookiePath().orElse("/"))
                .setMaxAge(0)
                .setHttpOnly(form.httpOnlyCookie())
                .setSecure(request.request().isSSL())
                .setSameSite(CookieSameSite.valueOf(form.cookieSameSite().name()));
        form.cookieDomain().ifPresent(expired::setDomain);
        request.response().addCookie(expired);
    }
}
