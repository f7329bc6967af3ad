package io.escalator.api.lambda;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;

/**
 * Requests as the HTTP API hands them to the function: a payload 2.0 event, with the request context its IAM
 * authorizer fills in, posted to the Lambda mock event server; the answer is the function's response.
 */
final class HttpApiRequests {

    static final String ACCOUNT = "123456789012";
    /** The admin the test profile configures (escalator.auth.admins): a role, called through one of its sessions. */
    static final String ADMIN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/escalator-admin/operator";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The function's response: status, headers and body. */
    record Answer(int status, JsonNode headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private HttpApiRequests() {
    }

    static String user(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    static Answer get(String callerArn, String path) {
        return send(callerArn, "GET", path, null);
    }

    static Answer post(String callerArn, String path, String body) {
        return send(callerArn, "POST", path, body);
    }

    /** @param callerArn the IAM ARN the authorizer established; {@code null}: a request context without authorizer */
    static Answer send(String callerArn, String method, String path, String body) {
        String[] pathAndQuery = path.split("\\?", 2);
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", pathAndQuery[0]).put("rawQueryString", pathAndQuery.length > 1 ? pathAndQuery[1] : "")
                .put("isBase64Encoded", false);
        event.putObject("headers").put("content-type", "application/json").put("accept", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", method).put("path", pathAndQuery[0]).put("sourceIp", "127.0.0.1");
        if (callerArn != null) {
            context.putObject("authorizer").putObject("iam").put("userArn", callerArn).put("accountId", ACCOUNT);
        }
        if (body != null) {
            event.put("body", body);
        }
        JsonNode response = given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/_lambda_")
                .then().statusCode(200).extract().as(JsonNode.class);
        return new Answer(response.path("statusCode").asInt(), response.path("headers"), response.path("body").asText());
    }
}
