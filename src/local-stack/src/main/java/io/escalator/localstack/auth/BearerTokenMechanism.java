package io.escalator.localstack.auth;

import io.escalator.auth.Roles;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>}: the token goes to {@link LocalTokenIdentityProvider}. A request without one
 * is anonymous, which the API's path policy refuses; with auth disabled every request is the admin
 * {@code anonymous}. A refusal is a {@code 401} with {@code WWW-Authenticate: Bearer} and a JSON error that never
 * repeats what was sent.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    static final String ANONYMOUS_PRINCIPAL = "anonymous";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String SCHEME = "Bearer";
    private static final String CHALLENGE = SCHEME + " realm=\"escalator\"";
    private static final String NO_TOKEN = "{\"error\":\"authentication required: send the API token as"
            + " 'Authorization: Bearer <token>'\"}";
    private static final String BAD_TOKEN = "{\"error\":\"the API token is not valid\"}";

    private final LocalAuthentication authentication;
    private final SecurityIdentity anonymousAdmin = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(ANONYMOUS_PRINCIPAL)).addRole(Roles.ADMIN).build();

    BearerTokenMechanism(LocalAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviders) {
        if (authentication.disabled()) {
            return Uni.createFrom().item(anonymousAdmin);
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        String token = bearerToken(header);
        // a header of another scheme, or an empty token, is a wrong token: refused, not treated as no token at all
        TokenCredential credential = new TokenCredential(token == null ? "" : token, "bearer");
        return identityProviders.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(credential), context));
    }

    private static String bearerToken(String header) {
        String trimmed = header.strip();
        if (trimmed.length() <= SCHEME.length() || !trimmed.substring(0, SCHEME.length()).equalsIgnoreCase(SCHEME)
                || !Character.isWhitespace(trimmed.charAt(SCHEME.length()))) {
            return null;
        }
        String token = trimmed.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, WWW_AUTHENTICATE, CHALLENGE));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        boolean sentOne = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        context.response().setStatusCode(401)
                .putHeader(WWW_AUTHENTICATE, CHALLENGE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(sentOne ? BAD_TOKEN : NO_TOKEN);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION,
                SCHEME.toLowerCase(Locale.ROOT)));
    }
}
