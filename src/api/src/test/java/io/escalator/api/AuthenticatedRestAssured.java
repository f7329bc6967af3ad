package io.escalator.api;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Every {@code @QuarkusTest} of this module sends its requests as the admin {@code local} unless a request says
 * otherwise ({@code given().auth()...}, see {@link TestCallers}). Registered in
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public class AuthenticatedRestAssured implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = RestAssured.oauth2(TestCallers.token(TestCallers.ADMIN));
    }
}
