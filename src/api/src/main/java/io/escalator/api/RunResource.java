package io.escalator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalator.api.auth.RunAccess;
import io.escalator.engine.RunListQuery;
import io.escalator.engine.RunPlan;
import io.escalator.engine.RunService;
import io.escalator.report.HtmlReport;
import io.escalator.report.ProgressionReport;
import io.escalator.report.RunDetails;
import io.escalator.report.RunSummary;
import io.escalator.report.TextReport;
import io.escalator.run.Run;
import io.escalator.run.RunSpec;
import io.escalator.store.RunPage;
import io.escalator.telemetry.UserIdHasher;
import io.escalator.validation.InvalidRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** Start runs, follow them, read their reports: the caller's own runs (an admin's: every run). */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    static final String USER_ID_HEADER = "X-User-Id";

    private final RunService runs;
    private final RunAccess access;
    private final Clock clock;
    private final UserIdHasher userIds;

    public RunResource(RunService runs, RunAccess access, Clock clock, UserIdHasher userIds) {
        this.runs = runs;
        this.access = access;
        this.clock = clock;
        this.userIds = userIds;
    }

    public record RunStarted(String runId, String status) {
    }

    public record RunList(List<RunSummary> runs, String nextCursor) {
    }

    public record DryRun(boolean dryRun, RunPlan plan) {
    }

    /** Starts a run ({@code 202}); with {@code "dryRun": true} only shows its estimate and plan ({@code 200}). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(JsonNode body, @HeaderParam(USER_ID_HEADER) String userId,
                          @Context SecurityContext security) {
        RunSpec spec = runs.parse(body);
        if (spec.dryRun()) {
            return Response.ok(new DryRun(true, runs.plan(spec))).build();
        }
        Run run = runs.start(spec, userIds.hash(caller(userId, security)), access.ownerHash());
        return Response.accepted(new RunStarted(run.id(), run.status().name()))
                .location(URI.create("/runs/" + run.id()))
                .build();
    }

    /** The caller's runs newest first, filtered by status, workflow and creation time; see {@link RunService#list}. */
    @GET
    public RunList list(@QueryParam("status") String status, @QueryParam("workflow") String workflow,
                        @QueryParam("since") String since, @QueryParam("until") String until,
                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        RunPage page = access.list(new RunListQuery(status, workflow, since, until, limit, cursor));
        return new RunList(page.runs().stream().map(RunSummary::of).toList(), page.nextCursor());
    }

    @GET
    @Path("{id}")
    public RunDetails get(@PathParam("id") String id) {
        return RunDetails.of(access.snapshot(id));
    }

    /**
     * The progression report as text, JSON or an HTML page: {@code ?format=text|json|html}, else by the Accept header
     * (see {@link ReportFormat#choose}), so a terminal's curl gets text and a browser the page.
     */
    @GET
    @Path("{id}/report")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response report(@PathParam("id") String id, @QueryParam("format") String format,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ReportFormat chosen = ReportFormat.choose(format, accept);
        ProgressionReport report = ProgressionReport.of(access.snapshot(id), clock);
        Response.ResponseBuilder response = switch (chosen) {
            case TEXT -> Response.ok(TextReport.render(report));
            case JSON -> Response.ok(report);
            // The page needs nothing but its own inline style: should anything in it ever escape escaping, the
            // browser still runs no script and loads nothing.
            case HTML -> Response.ok(HtmlReport.render(report))
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff");
        };
        return response.type(chosen.mediaType()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /** The user named by the header, else the authenticated principal; only ever stored as its keyed hash. */
    private static String caller(String userId, SecurityContext security) {
        if (userId != null && !userId.isBlank()) {
            if (userId.length() > UserIdHasher.MAX_USER_ID_LENGTH) {
                throw new InvalidRequestException(USER_ID_HEADER, "must be at most " + UserIdHasher.MAX_USER_ID_LENGTH
                        + " characters");
            }
            return userId;
        }
        return security != null && security.getUserPrincipal() != null ? security.getUserPrincipal().getName() : null;
    }
}
