package io.escalator.functions;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Invokes the exported function as Lambda would, through the mock Lambda event server that {@code @QuarkusTest}
 * starts: the event is POSTed, the function's output (200) or Lambda error document (500) comes back.
 */
final class MockEventServer {

    private MockEventServer() {
    }

    static Response invoke(String eventJson) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return given().baseUri("http://localhost").port(port).contentType(ContentType.JSON).body(eventJson)
                .when().post("/_lambda_");
    }
}
