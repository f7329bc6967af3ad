package io.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code analytics} and {@code recommendations}. */
class AnalyticsCommandTest {

    private final FakeApi api = FakeApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void analyticsPassesTheFiltersAndShowsTotalsTiersAndDays() {
        api.json("GET", "/analytics", 200, Fixtures.ANALYTICS);

        Cli.Result result = Cli.run(api, "analytics", "--workflow", "prompt", "--since", "2026-10-22", "--until", "2026-11-21");

        assertThat(result.exitCode()).isZero();
        FakeApi.Received request = api.only();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).isEqualTo("workflow=prompt&since=2026-10-22&until=2026-11-21");
        assertThat(request.accept()).isEqualTo("application/json");
        assertThat(result.out()).isEqualTo("""
                ANALYTICS  workflow prompt, 2026-10-22 to 2026-11-21

                Runs:               12
                Items:              40 (37 resolved)
                Total cost:         $0.8421
                All on top tier:    $3.1
                Saved:              $2.2579 (72.8%)
                Per resolved item:  $0.0228

                TIERS
                TIER     ATTEMPTS  REACHED  RESOLVED  SUCCESS  AVG CQS     COST  ESCALATED  ATTEMPTS/ITEM
                cheap          60       40        25    62.5%     61.2    $0.05      37.5%            1.5
                capable        20       15        12    80.0%        -  $0.7921      20.0%            1.3

                BY DAY
                DAY         RUNS  ITEMS  RESOLVED  COST  ALL ON TOP TIER  SAVED
                2026-11-20     3     10         9  $0.2             $0.8   $0.6
                """);
    }

    @Test
    void analyticsWithoutFiltersSendsNoQueryAndNullsShowAsDashes() {
        api.json("GET", "/analytics", 200, """
                {"workflow": null, "since": "2026-10-22", "until": "2026-11-21", "runs": 0, "items": 0,
                 "resolvedItems": 0, "totalCost": 0, "allTopTierCost": 0, "savings": 0, "savingsPercent": null,
                 "costPerResolvedItem": null, "tiers": [], "days": []}""");

        Cli.Result result = Cli.run(api, "analytics");

        assertThat(api.only().query()).isNull();
        assertThat(result.out()).startsWith("ANALYTICS  all workflows, 2026-10-22 to 2026-11-21\n")
                .contains("Saved:              $0 (-)\nPer resolved item:  -\n")
                .contains("TIERS\n  (no runs in the period)\n");
    }

    @Test
    void analyticsJsonIsTheApisAnswer() {
        api.json("GET", "/analytics", 200, Fixtures.ANALYTICS);

        Cli.Result result = Cli.run(api, "--json", "analytics");

        assertThat(Json.parse(result.out())).isEqualTo(Json.parse(Fixtures.ANALYTICS));
        assertThat(result.out()).contains("  \"totalCost\": 0.8421,\n", "\"averageCqs\": null");
    }

    @Test
    void aBadDateIsTheApisFourHundredOnOneLine() {
        api.json("GET", "/analytics", 400, """
                {"error": "invalid request: since", "details": [{"field": "since", "message": "must be a date (YYYY-MM-DD), was '22/10'"}]}""");

        Cli.Result result = Cli.run(api, "analytics", "--since", "22/10");

        assertThat(result.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(result.errorLine()).isEqualTo(
                "escalator: invalid request: since (since: must be a date (YYYY-MM-DD), was '22/10')");
    }

    @Test
    void recommendationsShowEachAdviceWithItsEvidence() {
        api.json("GET", "/analytics/recommendations", 200, Fixtures.RECOMMENDATIONS);

        Cli.Result result = Cli.run(api, "recommendations", "--workflow", "prompt");

        assertThat(result.exitCode()).isZero();
        assertThat(api.only().query()).isEqualTo("workflow=prompt");
        assertThat(result.out()).isEqualTo("""
                CAPABLE_FIRST  workflow prompt, tier cheap
                  Start prompt runs at capable: cheap resolved 3 of 40 items (7.5%).
                  evidence: itemsReached 40, itemsResolved 3, successShare 0.075

                LOWER_MAX_ATTEMPTS  workflow prompt, tier capable
                  Lower capable's maxAttempts to 2: no item succeeded on a later attempt.
                  evidence: attemptsBySuccess [30,7,0]
                """);
    }

    @Test
    void noRecommendationsSaysSoAndJsonIsTheApisAnswer() {
        api.json("GET", "/analytics/recommendations", 200, "{\"recommendations\": []}");

        Cli.Result text = Cli.run(api, "recommendations");
        Cli.Result json = Cli.run(api, "recommendations", "--json");

        assertThat(api.received()).extracting(FakeApi.Received::query).containsOnlyNulls();
        assertThat(text.out()).isEqualTo("No recommendations: not enough history, or nothing to change.\n");
        assertThat(json.out()).isEqualTo("{\n  \"recommendations\": []\n}\n");
    }
}
