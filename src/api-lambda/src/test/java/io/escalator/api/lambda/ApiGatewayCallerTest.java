package io.escalator.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import io.escalator.config.EscalatorConfig;
import io.escalator.config.EscalatorConfig.Auth.ApiGateway;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caller of a request as API Gateway's JWT or IAM authorizer describes it in the request context. */
class ApiGatewayCallerTest {

    private static final String ALICE_ARN = "arn:aws:iam::123456789012:user/alice";
    private static final String OPERATOR_SESSION = "arn:aws:sts::123456789012:assumed-role/escalator-operator/jane";

    @Test
    void withJwtTheCallerIsTheTokensSubjectAndAnAdminByTheAdminClaim() {
        Auth auth = Auth.jwt("cognito:groups", "escalator-admin");

        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "user-1", "cognito:groups", "[readers other]")), auth))
                .contains(new ApiGatewayCaller("user-1", false));
        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "user-2", "cognito:groups", "[readers escalator-admin]")), auth))
                .contains(new ApiGatewayCaller("user-2", true));
        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "user-3")), auth)).contains(new ApiGatewayCaller("user-3", false));
        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "user-4", "scope", "escalator-admin")), auth))
                .as("another claim than the admin claim").contains(new ApiGatewayCaller("user-4", false));
    }

    @Test
    void theAdminClaimMayBeTheScope() {
        Auth auth = Auth.jwt("scope", "escalator/admin");

        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "svc", "scope", "openid escalator/admin")), auth))
                .contains(new ApiGatewayCaller("svc", true));
        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "svc", "scope", "openid escalator/admins")), auth))
                .contains(new ApiGatewayCaller("svc", false));
    }

    @Test
    void aJwtWithoutASubjectHasNoCaller() {
        assertThat(ApiGatewayCaller.of(jwt(Map.of("cognito:groups", "[escalator-admin]")), Auth.jwt("cognito:groups",
                "escalator-admin"))).isEmpty();
        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", " ")), Auth.jwt("scope", "x"))).isEmpty();
    }

    @Test
    void withIamTheCallerIsItsArnAndAnAdminByArnOrByTheRoleItAssumed() {
        Auth auth = Auth.iam(Set.of("arn:aws:iam::123456789012:user/root-operator",
                "arn:aws:iam::123456789012:role/escalator-operator"));

        assertThat(ApiGatewayCaller.of(iam(ALICE_ARN), auth)).contains(new ApiGatewayCaller(ALICE_ARN, false));
        assertThat(ApiGatewayCaller.of(iam("arn:aws:iam::123456789012:user/root-operator"), auth))
                .contains(new ApiGatewayCaller("arn:aws:iam::123456789012:user/root-operator", true));
        assertThat(ApiGatewayCaller.of(iam(OPERATOR_SESSION), auth)).contains(new ApiGatewayCaller(OPERATOR_SESSION, true));
        assertThat(ApiGatewayCaller.of(iam("arn:aws:sts::123456789012:assumed-role/other-role/jane"), auth))
                .contains(new ApiGatewayCaller("arn:aws:sts::123456789012:assumed-role/other-role/jane", false));
        assertThat(ApiGatewayCaller.of(iam(OPERATOR_SESSION), Auth.iam(Set.of()))).contains(
                new ApiGatewayCaller(OPERATOR_SESSION, false));
    }

    @Test
    void onlyTheConfiguredAuthorizerCounts() {
        assertThat(ApiGatewayCaller.of(jwt(Map.of("sub", "user-1")), Auth.iam(Set.of()))).isEmpty();
        assertThat(ApiGatewayCaller.of(iam(ALICE_ARN), Auth.jwt("scope", "admin"))).isEmpty();
        APIGatewayV2HTTPEvent noAuthorizer = new APIGatewayV2HTTPEvent();
        noAuthorizer.setRequestContext(new RequestContext());
        assertThat(ApiGatewayCaller.of(noAuthorizer, Auth.iam(Set.of()))).isEmpty();
        assertThat(ApiGatewayCaller.of(new APIGatewayV2HTTPEvent(), Auth.jwt("scope", "admin"))).isEmpty();
    }

    @Test
    void aClaimListIsReadInTheFormsApiGatewayAndIssuersWriteIt() {
        assertThat(ApiGatewayCaller.claimValues("[a b]")).containsExactlyInAnyOrder("a", "b");
        assertThat(ApiGatewayCaller.claimValues("a b")).containsExactlyInAnyOrder("a", "b");
        assertThat(ApiGatewayCaller.claimValues("a,b , c")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(ApiGatewayCaller.claimValues("[]")).isEmpty();
        assertThat(ApiGatewayCaller.claimValues(null)).isEmpty();
    }

    static APIGatewayV2HTTPEvent jwt(Map<String, String> claims) {
        return withAuthorizer(RequestContext.Authorizer.builder()
                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build());
    }

    static APIGatewayV2HTTPEvent iam(String userArn) {
        return withAuthorizer(RequestContext.Authorizer.builder()
                .withIam(RequestContext.IAM.builder().withUserArn(userArn).withAccountId("123456789012").build()).build());
    }

    private static APIGatewayV2HTTPEvent withAuthorizer(RequestContext.Authorizer authorizer) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        RequestContext context = new RequestContext();
        context.setAuthorizer(authorizer);
        event.setRequestContext(context);
        return event;
    }

    /** The auth settings, as the configuration would give them. */
    private record Auth(ApiGateway apiGateway, String adminClaim, String adminClaimValue, Optional<Set<String>> admins)
            implements EscalatorConfig.Auth {

        static Auth jwt(String claim, String value) {
            return new Auth(ApiGateway.JWT, claim, value, Optional.empty());
        }

        static Auth iam(Set<String> admins) {
            return new Auth(ApiGateway.IAM, "cognito:groups", "escalator-admin", Optional.of(admins));
        }

        @Override
        public Optional<String> token() {
            return Optional.empty();
        }

        @Override
        public boolean disabled() {
            return false;
        }

        @Override
        public Map<String, String> tokens() {
            return Map.of();
        }
    }
}
