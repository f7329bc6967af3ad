package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.funqy.runtime.ApplicationException;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The error document (HTTP 500) the mock Lambda event server answers when the function threw. It comes from Quarkus'
 * Lambda poll loop, where Funqy has wrapped the function's exception in its {@link ApplicationException}: the
 * {@code errorType} is always that, and the {@code errorMessage} is the function exception's "type: message". In AWS the
 * functions run behind {@link UnwrappingFunqyHandler}, which reports the function's exception itself
 * ({@link LambdaHandlerTest}).
 */
record LambdaError(String errorType, String errorMessage) {

    private static final String SEPARATOR = ": ";

    static LambdaError of(Response response) {
        JsonPath body = response.then().statusCode(500).extract().jsonPath();
        LambdaError error = new LambdaError(body.getString("errorType"), body.getString("errorMessage"));
        assertThat(error.errorType()).as("what Funqy reports for any function exception")
                .isEqualTo(ApplicationException.class.getName());
        assertThat(error.errorMessage()).contains(SEPARATOR);
        return error;
    }

    /** The type of the exception the function threw. */
    String functionErrorType() {
        return errorMessage.substring(0, errorMessage.indexOf(SEPARATOR));
    }

    /** The message of the exception the function threw. */
    String functionErrorMessage() {
        return errorMessage.substring(errorMessage.indexOf(SEPARATOR) + SEPARATOR.length());
    }
}
