package io.escalator.api;

import io.escalator.analytics.Analytics;
import io.escalator.analytics.AnalyticsService;
import io.escalator.analytics.Recommendation;
import io.escalator.analytics.TelemetryLadderService;
import io.escalator.analytics.TelemetryLadderSuggestion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the work cost and saved over a period, and what the history advises, a ladder included. */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    private final AnalyticsService analytics;
    private final TelemetryLadderService ladders;

    public AnalyticsResource(AnalyticsService analytics, TelemetryLadderService ladders) {
        this.analytics = analytics;
        this.ladders = ladders;
    }

    public record RecommendationList(List<Recommendation> recommendations) {
    }

    /** {@code ?workflow=&since=2026-11-01&until=2026-11-21}: every workflow and the last 30 days by default. */
    @GET
    public Analytics analytics(@QueryParam("workflow") String workflow, @QueryParam("since") String since,
                               @QueryParam("until") String until) {
        return analytics.analytics(workflow, since, until);
    }

    @GET
    @Path("recommendations")
    public RecommendationList recommendations(@QueryParam("workflow") String workflow) {
        return new RecommendationList(analytics.recommendations(workflow));
    }

    /**
     * {@code ?workflow=&days=30}: the ladder learned from the telemetry of the last days (every workflow by default),
     * as a ladder file, or, with too few items yet, a 200 that says so: the request was right, the history is short.
     */
    @GET
    @Path("ladder")
    public TelemetryLadderSuggestion ladder(@QueryParam("workflow") String workflow, @QueryParam("days") String days) {
        return ladders.suggest(workflow, days);
    }
}
