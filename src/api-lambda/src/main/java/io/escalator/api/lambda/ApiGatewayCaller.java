package io.escalator.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.escalator.config.EscalatorConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The caller API Gateway's authorizer established for a request, as the HTTP API hands it to the function: with a
 * JWT authorizer the token's {@code sub}, an admin when the admin claim (e.g. {@code cognito:groups} or
 * {@code scope}) holds the admin value; with IAM the caller's ARN, an admin when it, or for an assumed role the role,
 * is among the configured admins. Only the authorizer the API is configured with counts: with IAM, a request context
 * carrying JWT claims has no caller, and the other way round.
 */
record ApiGatewayCaller(String principal, boolean admin) {

    /** {@code arn:<partition>:sts::<account>:assumed-role/<role>/<session>} */
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:([^:]+):sts::(\\d+):assumed-role/([^/]+)/.+");

    static Optional<ApiGatewayCaller> of(APIGatewayV2HTTPEvent event, EscalatorConfig.Auth auth) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return Optional.empty();
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = event.getRequestContext().getAuthorizer();
        return switch (auth.apiGateway()) {
            case JWT -> Optional.ofNullable(authorizer.getJwt())
                    .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                    .flatMap(claims -> fromJwt(claims, auth));
            case IAM -> Optional.ofNullable(authorizer.getIam())
                    .map(APIGatewayV2HTTPEvent.RequestContext.IAM::getUserArn)
                    .filter(arn -> !arn.isBlank())
                    .map(arn -> new ApiGatewayCaller(arn, isAdminArn(arn, auth.admins().orElse(Set.of()))));
        };
    }

    private static Optional<ApiGatewayCaller> fromJwt(Map<String, String> claims, EscalatorConfig.Auth auth) {
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ApiGatewayCaller(subject, claimValues(claims.get(auth.adminClaim()))
                .contains(auth.adminClaimValue())));
    }

    /**
     * A claim's values: API Gateway passes a list claim as {@code [a b]}, a scope claim is space-separated, and some
     * issuers separate by commas.
     */
    static Set<String> claimValues(String claim) {
        if (claim == null) {
            return Set.of();
        }
        String values = claim.strip();
        if (values.startsWith("[") && values.endsWith("]")) {
            values = values.substring(1, values.length() - 1);
        }
        return Arrays.stream(values.split("[\\s,]+")).filter(value -> !value.isEmpty())
                .collect(Collectors.toSet());
    }

    private static boolean isAdminArn(String arn, Set<String> admins) {
        if (admins.contains(arn)) {
            return true;
        }
        Matcher assumed = ASSUMED_ROLE.matcher(arn);
        return assumed.matches() && admins.contains("arn:" + assumed.group(1) + ":iam::" + assumed.group(2) + ":role/"
                + assumed.group(3));
    }
}
