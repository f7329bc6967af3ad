package io.escalator.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of the API: method, path, query, what it accepts, its JSON body, and what a {@code 404} means for it.
 *
 * @param notFound the one line to show when the API answers {@code 404} (e.g. "run X not found"); {@code null} for
 *                 a generic one
 */
record ApiRequest(String method, String path, Map<String, String> query, String accept, String body,
                  String notFound) {

    static final String JSON = "application/json";

    ApiRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static ApiRequest get(String path) {
        return new ApiRequest("GET", path, Map.of(), JSON, null, null);
    }

    static ApiRequest post(String path, String jsonBody) {
        return new ApiRequest("POST", path, Map.of(), JSON, jsonBody, null);
    }

    /** Adds a query parameter; one whose value is {@code null} is left out. */
    ApiRequest query(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value.toString());
        return new ApiRequest(method, path, more, accept, body, notFound);
    }

    ApiRequest accept(String mediaType) {
        return new ApiRequest(method, path, query, mediaType, body, notFound);
    }

    ApiRequest notFound(String message) {
        return new ApiRequest(method, path, query, accept, body, message);
    }

    /** The path and encoded query, e.g. {@code /runs?status=SUCCEEDED&limit=20}. */
    String target() {
        StringBuilder target = new StringBuilder(path);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return target.toString();
    }

    /** A value as one segment of a path: {@code /runs/{segment}}. */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
