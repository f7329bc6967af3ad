package io.escalator.localstack.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.config.EscalatorConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local stack's tokens: each stands for its principal, and a token that is not one of them for nobody. */
class LocalTokensTest {

    @Test
    void eachTokenStandsForItsPrincipalAndTheMainOneForTheAdminLocal() {
        LocalTokens tokens = LocalTokens.of(new Auth(Optional.of("main-token"),
                Map.of("alice", "alice-token", "ops", "ops-token"), Optional.of(Set.of("ops"))));

        assertThat(tokens.callerOf("main-token")).contains(new LocalTokens.Caller("local", true));
        assertThat(tokens.callerOf("alice-token")).contains(new LocalTokens.Caller("alice", false));
        assertThat(tokens.callerOf("ops-token")).contains(new LocalTokens.Caller("ops", true));
        assertThat(tokens.callerOf("alice-token ")).isEmpty();
        assertThat(tokens.callerOf("main-toke")).isEmpty();
        assertThat(tokens.callerOf("")).isEmpty();
        assertThat(tokens.isEmpty()).isFalse();
    }

    @Test
    void namedTokensAloneAreEnoughAndNoTokenIsNoneAtAll() {
        assertThat(LocalTokens.of(new Auth(Optional.empty(), Map.of("alice", "alice-token"), Optional.empty()))
                .callerOf("alice-token")).contains(new LocalTokens.Caller("alice", false));
        assertThat(LocalTokens.of(new Auth(Optional.empty(), Map.of(), Optional.empty())).isEmpty()).isTrue();
    }

    @Test
    void aBlankOrSharedTokenIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> LocalTokens.of(new Auth(Optional.of("  "), Map.of(), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the token of 'local' is blank");
        assertThatThrownBy(() -> LocalTokens.of(new Auth(Optional.of("same-token"), Map.of("bob", "same-token"),
                Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'local' and 'bob' have the same token").hasMessageNotContaining("same-token");
        assertThatThrownBy(() -> LocalTokens.of(new Auth(Optional.of("main-token"), Map.of("local", "other-token"),
                Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escalator.auth.tokens.local: 'local' is the principal of escalator.auth.token");
    }

    private record Auth(Optional<String> token, Map<String, String> tokens, Optional<Set<String>> admins)
            implements EscalatorConfig.Auth {

        @Override
        public boolean disabled() {
            return false;
        }

        @Override
        public ApiGateway apiGateway() {
            return ApiGateway.IAM;
        }

        @Override
        public String adminClaim() {
            return "cognito:groups";
        }

        @Override
        public String adminClaimValue() {
            return "escalator-admin";
        }
    }
}
