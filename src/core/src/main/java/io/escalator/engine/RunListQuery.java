package io.escalator.engine;

/**
 * A request for one page of runs, as the caller wrote it ({@code GET /runs}'s parameters); any part may be
 * {@code null}. {@link RunService#list} checks it.
 */
public record RunListQuery(String status, String workflow, String since, String until, String limit, String cursor) {
}
