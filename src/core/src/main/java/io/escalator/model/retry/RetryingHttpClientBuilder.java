package io.escalator.model.retry;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

/**
 * Gives LangChain4j's OpenAI model a {@link RetryingHttpClient}. LangChain4j sets both timeouts from the model's
 * {@code timeout}; the read timeout bounds each try.
 */
public final class RetryingHttpClientBuilder implements HttpClientBuilder {

    private final java.net.http.HttpClient http;
    private final ModelRetryPolicy policy;
    private final String callee;
    private Duration connectTimeout;
    private Duration readTimeout;

    /** @param callee who is called, for logs: "model m on tier t" */
    public RetryingHttpClientBuilder(java.net.http.HttpClient http, ModelRetryPolicy policy, String callee) {
        this.http = http;
        this.policy = policy;
        this.callee = callee;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public RetryingHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public RetryingHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public RetryingHttpClient build() {
        if (readTimeout == null) {
            throw new IllegalStateException("the model's timeout must be set");
        }
        return new RetryingHttpClient(http, readTimeout, policy, callee);
    }
}
