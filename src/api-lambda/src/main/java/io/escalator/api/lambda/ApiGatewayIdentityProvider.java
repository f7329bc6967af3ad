package io.escalator.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.escalator.auth.Roles;
import io.escalator.config.EscalatorConfig;
import io.quarkus.amazon.lambda.http.LambdaIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The identity of a request through the HTTP API: the caller its authorizer established (see
 * {@link ApiGatewayCaller}). A request without one stays anonymous, which the path policy refuses; through API Gateway
 * that cannot happen, as the authorizer refuses it first.
 */
@ApplicationScoped
public class ApiGatewayIdentityProvider implements LambdaIdentityProvider {

    private final EscalatorConfig.Auth auth;

    ApiGatewayIdentityProvider(EscalatorConfig config) {
        this.auth = config.auth();
    }

    @Override
    public SecurityIdentity authenticate(APIGatewayV2HTTPEvent event) {
        return ApiGatewayCaller.of(event, auth).map(caller -> {
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(caller.principal()));
            if (caller.admin()) {
                identity.addRole(Roles.ADMIN);
            }
            return (SecurityIdentity) identity.build();
        }).orElse(null);
    }
}
