package io.escalator.api;

import io.escalator.analytics.Analytics;
import io.escalator.analytics.AnalyticsService;
import io.escalator.analytics.Recommendation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the work cost and saved over a period, and what the history advises. */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    private final AnalyticsService analytics;

    public AnalyticsResource(AnalyticsService analytics) {
        this.analytics = analytics;
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
}
