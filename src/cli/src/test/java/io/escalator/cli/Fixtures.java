package io.escalator.cli;

/** The API's answers, as it sends them. */
final class Fixtures {

    static final String RUN_ID = "1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11";

    static final String RUN_LIST = """
            {"runs": [
              {"runId": "1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11", "workflow": "prompt", "status": "SUCCEEDED",
               "statusReason": null, "objective": "Reply with the capital of Australia, one word.",
               "createdAt": "2026-11-20T14:03:12.345Z", "finishedAt": "2026-11-20T14:03:13Z",
               "totalCost": 0.000251, "savingsPercent": 71.5},
              {"runId": "0a9b8c7d-0000-4000-8000-000000000002", "workflow": "test-gen", "status": "RUNNING",
               "statusReason": null, "objective": "Generate JUnit tests for every public method of the Calculator class, one per method",
               "createdAt": "2026-11-20T13:00:00Z", "finishedAt": null, "totalCost": 0, "savingsPercent": null}
            ], "nextCursor": null}""";

    static final String EMPTY_LIST = """
            {"runs": [], "nextCursor": null}""";

    /** A run whose two items were resolved on the cheap and the capable tier. */
    static final String RUN_DETAILS = """
            {"runId": "1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11", "workflow": "prompt", "status": "SUCCEEDED",
             "statusReason": null, "createdAt": "2026-11-20T14:03:12.345Z", "finishedAt": "2026-11-20T14:03:13Z",
             "totalCost": 0.000203, "allTopTierCost": 0.00088, "savingsPercent": 76.9,
             "budget": {"maxCost": 0.50, "maxSeconds": 300, "maxAttempts": 12, "spent": 0.000203,
                        "committed": 0.000203, "attemptsStarted": 3},
             "estimate": {"total": 0.0012},
             "approval": {"autoApproveUnder": 1.00, "approvedUpTo": null, "deadline": null, "pending": null,
                          "approved": null, "comment": null, "decidedAt": null},
             "resolution": null,
             "items": [
               {"id": "easy", "status": "SUCCEEDED", "tier": "cheap", "cqs": 100.0, "rule": "success",
                "reason": "CQS 100.0 reached the success line 80"},
               {"id": "hard", "status": "SUCCEEDED", "tier": "capable", "cqs": 100.0, "rule": "success",
                "reason": "CQS 100.0 reached the success line 80"}],
             "attempts": [
               {"item": "easy", "seq": 1, "tier": "cheap", "model": "cheap-model", "attempt": 1, "state": "COMPLETED",
                "cqs": 100.0, "signals": {}, "cost": 0, "inputTokens": 120, "outputTokens": 1, "durationMs": 12,
                "gates": [], "output": "2", "error": null, "analysis": null, "decision": "SUCCEED", "rule": "success",
                "reason": "CQS 100.0 reached the success line 80"},
               {"item": "hard", "seq": 1, "tier": "cheap", "model": "cheap-model", "attempt": 1, "state": "COMPLETED",
                "cqs": 50.0, "signals": {}, "cost": 0, "inputTokens": 120, "outputTokens": 3, "durationMs": 10,
                "gates": [{"type": "regex", "passed": false, "message": "answer does not match the pattern"}],
                "output": "4 2", "error": null, "analysis": null, "decision": "ESCALATE", "rule": "min-cqs",
                "reason": "CQS 50.0 below 70"},
               {"item": "hard", "seq": 2, "tier": "capable", "model": "capable-model", "attempt": 1,
                "state": "COMPLETED", "cqs": 100.0, "signals": {}, "cost": 0.000203, "inputTokens": 400,
                "outputTokens": 2, "durationMs": 30, "gates": [], "output": "42", "error": null, "analysis": null,
                "decision": "SUCCEED", "rule": "success", "reason": "CQS 100.0 reached the success line 80"}]}""";

    /** The same run while its hard item is still open. */
    static final String RUN_RUNNING = """
            {"runId": "1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11", "workflow": "prompt", "status": "RUNNING",
             "statusReason": null, "createdAt": "2026-11-20T14:03:12.345Z", "finishedAt": null,
             "totalCost": 0, "allTopTierCost": null, "savingsPercent": null,
             "budget": {"maxCost": null, "maxSeconds": null, "maxAttempts": null, "spent": 0, "committed": 0.0004,
                        "attemptsStarted": 2},
             "estimate": {"total": 0.0012}, "approval": null, "resolution": null,
             "items": [{"id": "easy", "status": "SUCCEEDED", "tier": "cheap", "cqs": 100.0, "rule": null, "reason": null},
                       {"id": "hard", "status": "OPEN", "tier": "capable", "cqs": 50.0, "rule": null, "reason": null}],
             "attempts": [
               {"item": "easy", "seq": 1, "tier": "cheap", "model": "cheap-model", "attempt": 1, "state": "COMPLETED",
                "cqs": 100.0, "cost": 0, "inputTokens": 120, "outputTokens": 1, "durationMs": 12, "gates": [],
                "decision": "SUCCEED"},
               {"item": "hard", "seq": 1, "tier": "cheap", "model": "cheap-model", "attempt": 1, "state": "COMPLETED",
                "cqs": 50.0, "cost": 0, "inputTokens": 120, "outputTokens": 3, "durationMs": 10, "gates": [],
                "error": "model unreachable: connection refused", "decision": "ESCALATE"}]}""";

    static final String RUN_AWAITING_APPROVAL = """
            {"runId": "1f6c2e0a-5b7d-4c1e-9a43-0d2f6b8e7c11", "workflow": "prompt", "status": "AWAITING_APPROVAL",
             "statusReason": "estimate $0.0012 is above the approval line $0", "createdAt": "2026-11-20T14:03:12Z",
             "finishedAt": null, "totalCost": 0, "allTopTierCost": null, "savingsPercent": null,
             "budget": {"spent": 0, "committed": 0, "attemptsStarted": 0},
             "approval": {"autoApproveUnder": 0, "approvedUpTo": null, "deadline": "2026-11-21T14:03:12Z",
                          "pending": {"kind": "RUN", "escalations": [], "additionalCost": 0.0012,
                                      "projectedTotal": 0.0012},
                          "approved": null, "comment": null, "decidedAt": null},
             "items": [{"id": "objective", "status": "OPEN", "tier": "cheap", "cqs": null}],
             "attempts": []}""";

    static final String ANALYTICS = """
            {"workflow": "prompt", "since": "2026-10-22", "until": "2026-11-21", "runs": 12, "items": 40,
             "resolvedItems": 37, "totalCost": 0.8421, "allTopTierCost": 3.1, "savings": 2.2579,
             "savingsPercent": 72.8, "costPerResolvedItem": 0.0228,
             "tiers": [
               {"tier": "cheap", "attempts": 60, "itemsReached": 40, "itemsResolved": 25, "successShare": 0.625,
                "averageCqs": 61.2, "cost": 0.05, "escalationShare": 0.375, "averageAttempts": 1.5},
               {"tier": "capable", "attempts": 20, "itemsReached": 15, "itemsResolved": 12, "successShare": 0.8,
                "averageCqs": null, "cost": 0.7921, "escalationShare": 0.2, "averageAttempts": 1.33}],
             "days": [
               {"day": "2026-11-20", "runs": 3, "items": 10, "resolvedItems": 9, "cost": 0.2,
                "allTopTierCost": 0.8, "savings": 0.6}]}""";

    static final String RECOMMENDATIONS = """
            {"recommendations": [
              {"workflow": "prompt", "type": "CAPABLE_FIRST", "tier": "cheap",
               "message": "Start prompt runs at capable: cheap resolved 3 of 40 items (7.5%).",
               "evidence": {"itemsReached": 40, "itemsResolved": 3, "successShare": 0.075}},
              {"workflow": "prompt", "type": "LOWER_MAX_ATTEMPTS", "tier": "capable",
               "message": "Lower capable's maxAttempts to 2: no item succeeded on a later attempt.",
               "evidence": {"attemptsBySuccess": [30, 7, 0]}}]}""";

    static final String CLEANUP = """
            {"deletedRuns": 14, "cancelledApprovals": 1, "deletedTelemetry": 1203, "rolledUpRuns": 14}""";

    static final String BAD_REQUEST = """
            {"error": "invalid request: gates[0].pattern, budget.maxCost",
             "details": [{"field": "gates[0].pattern", "message": "is not a valid regular expression: Unclosed group"},
                         {"field": "budget.maxCost", "message": "must be positive"}]}""";

    private Fixtures() {
    }
}
