package io.escalator.api;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The callers the test profile configures: the admin {@code local} (whom every request is sent as unless it says
 * otherwise, see {@link AuthenticatedRestAssured}) and the owners {@code alice} and {@code bob}.
 */
public final class TestCallers {

    public static final String ADMIN = "local";
    public static final String ALICE = "alice";
    public static final String BOB = "bob";

    private TestCallers() {
    }

    /** The bearer token of a configured principal. */
    public static String token(String principal) {
        String property = principal.equals(ADMIN) ? "escalator.auth.token" : "escalator.auth.tokens." + principal;
        return ConfigProvider.getConfig().getValue(property, String.class);
    }

    /** A request sent as this principal. */
    public static RequestSpecification as(String principal) {
        return given().auth().oauth2(token(principal));
    }

    /** A request with no credentials at all. */
    public static RequestSpecification anonymous() {
        return given().auth().none();
    }
}
