package io.escalator.api.auth;

import io.escalator.auth.Roles;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the authenticated principal (a local token's name, a JWT's {@code sub}, an IAM ARN) and whether it
 * is an admin, who sees every run.
 */
public record Caller(String principal, boolean admin) {

    /** @throws UnauthorizedException for an anonymous identity, which the path policy lets through only to health */
    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || identity.getPrincipal() == null
                || identity.getPrincipal().getName() == null || identity.getPrincipal().getName().isBlank()) {
            throw new UnauthorizedException();
        }
        return new Caller(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN));
    }
}
