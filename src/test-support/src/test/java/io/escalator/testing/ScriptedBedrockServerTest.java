package io.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalator.testing.ScriptedBedrockServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptedBedrockServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONVERSE_REQUEST = """
            {"system": [{"text": "You are terse."}],
             "messages": [{"role": "user", "content": [{"text": "What is six times seven?"}]}],
             "inferenceConfig": {"maxTokens": 64}}""";

    private final ScriptedBedrockServer server = ScriptedBedrockServer.start();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void aTextReplyIsAConverseResponseWithTheScriptedUsageAndStopReason() throws Exception {
        server.script("amazon.nova-micro-v1:0", Reply.text("42", 12, 1));

        HttpResponse<String> response = converse("amazon.nova-micro-v1%3A0", CONVERSE_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"output": {"message": {"role": "assistant", "content": [{"text": "42"}]}},
                 "stopReason": "end_turn",
                 "usage": {"inputTokens": 12, "outputTokens": 1, "totalTokens": 13},
                 "metrics": {"latencyMs": 1}}"""));
    }

    @Test
    void aCutOffReplyStopsAtMaxTokens() throws Exception {
        server.script("cut", Reply.cutOff("The answer is", 12, 64));

        JsonNode body = JSON.readTree(converse("cut", CONVERSE_REQUEST).body());

        assertThat(body.get("stopReason").asText()).isEqualTo("max_tokens");
        assertThat(body.at("/usage/outputTokens").asInt()).isEqualTo(64);
    }

    @Test
    void repliesAreGivenInOrderAndTheLastRepeats() throws Exception {
        server.script("m", Reply.throttled(), Reply.text("first", 1, 1), Reply.text("again", 1, 1));

        assertThat(converse("m", CONVERSE_REQUEST).statusCode()).isEqualTo(429);
        assertThat(text(converse("m", CONVERSE_REQUEST))).isEqualTo("first");
        assertThat(text(converse("m", CONVERSE_REQUEST))).isEqualTo("again");
        assertThat(text(converse("m", CONVERSE_REQUEST))).isEqualTo("again");
        assertThat(server.callCount("m")).isEqualTo(4);
    }

    @Test
    void errorsNameTheirExceptionInTheErrorTypeHeaderAsBedrockDoes() throws Exception {
        server.script("busy", Reply.throttled());
        server.script("down", Reply.unavailable());
        server.script("slow", Reply.modelTimeout());

        assertError(converse("busy", CONVERSE_REQUEST), 429, "ThrottlingException");
        assertError(converse("down", CONVERSE_REQUEST), 503, "ServiceUnavailableException");
        assertError(converse("slow", CONVERSE_REQUEST), 408, "ModelTimeoutException");
    }

    @Test
    void aModelNobodyScriptedIsAValidationException() throws Exception {
        HttpResponse<String> response = converse("no.such-model-v9:0", CONVERSE_REQUEST);

        assertError(response, 400, "ValidationException");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("The provided model identifier is invalid.");
        assertThat(server.callCount("no.such-model-v9:0")).isEqualTo(1);
    }

    @Test
    void requestsAreRecordedWithTheirModelTextsMaxTokensAndAuthorization() throws Exception {
        server.script("us.anthropic.claude-haiku", Reply.text("ok", 1, 1));

        HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/model/us.anthropic.claude-haiku/converse"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261122/us-east-1/bedrock/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString(CONVERSE_REQUEST)).build(), HttpResponse.BodyHandlers.ofString());

        ScriptedBedrockServer.Request request = server.requests("us.anthropic.claude-haiku").getFirst();
        assertThat(request.system()).isEqualTo("You are terse.");
        assertThat(request.user()).isEqualTo("What is six times seven?");
        assertThat(request.maxTokens()).isEqualTo(64);
        assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(CONVERSE_REQUEST));
    }

    @Test
    void anythingButAConversePostIsAnUnknownOperationAndABrokenBodyASerializationError() throws Exception {
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/model/m/converse"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertError(get, 404, "UnknownOperationException");
        assertError(post("/model/m/invoke", CONVERSE_REQUEST), 404, "UnknownOperationException");
        assertError(converse("m", "{not json"), 400, "SerializationException");
        assertThat(server.callCount("m")).isZero();
    }

    private static void assertError(HttpResponse<String> response, int status, String errorType) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(
                value -> assertThat(value).startsWith(errorType + ":"));
        assertThat(JSON.readTree(response.body()).get("message").asText()).isNotBlank();
    }

    private static String text(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/output/message/content/0/text").asText();
    }

    private HttpResponse<String> converse(String modelIdInPath, String body) throws Exception {
        return post("/model/" + modelIdInPath + "/converse", body);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
