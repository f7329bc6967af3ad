package io.escalator.localstack.auth;

import io.escalator.auth.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A bearer token's caller: the principal the token was configured for, an admin if it is one. */
@ApplicationScoped
public class LocalTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final LocalAuthentication authentication;

    LocalTokenIdentityProvider(LocalAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return authentication.tokens().callerOf(request.getToken().getToken())
                .map(caller -> {
                    QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(caller.principal()));
                    if (caller.admin()) {
                        identity.addRole(Roles.ADMIN);
                    }
                    return Uni.createFrom().<SecurityIdentity>item(identity.build());
                })
                // the message names no token: it may be logged
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API token")));
    }
}
