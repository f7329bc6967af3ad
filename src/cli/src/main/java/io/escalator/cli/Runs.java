package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Requests about one run, which all answer an unknown run the same way. */
final class Runs {

    static final String RUNNING = "RUNNING";
    static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

    private Runs() {
    }

    /** {@code /runs/{id}} followed by {@code more}, for a run the API will say it does not know as "run X not found". */
    static ApiRequest get(String runId, String more) {
        return ApiRequest.get(path(runId, more)).notFound(notFound(runId));
    }

    static ApiRequest post(String runId, String more, String jsonBody) {
        return ApiRequest.post(path(runId, more), jsonBody).notFound(notFound(runId));
    }

    /** {@code GET /runs/{id}}: the run's details. */
    static JsonNode details(ApiClient api, String runId) {
        return api.json(get(runId, ""));
    }

    private static String path(String runId, String more) {
        return "/runs/" + ApiRequest.segment(runId) + more;
    }

    private static String notFound(String runId) {
        return "run " + runId + " not found";
    }
}
