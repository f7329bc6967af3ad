package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code escalator approve ID} and {@code escalator reject ID}: a person's answer to a run waiting for approval. */
abstract class ApprovalCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The run waiting for approval.")
    String runId;

    @Option(names = {"-c", "--comment"}, paramLabel = "TEXT", description = "Why; kept with the run.")
    String comment;

    abstract boolean approve();

    @Override
    void execute() {
        ObjectNode body = Json.object().put("approve", approve());
        if (comment != null) {
            body.put("comment", comment);
        }
        JsonNode answer = api().json(Runs.post(runId, "/approval", Json.compact(body)));
        if (json()) {
            printJson(answer);
        } else {
            out().println((approve() ? "Approved" : "Rejected") + " run " + runId + ": it is "
                    + Json.text(answer, "status"));
        }
    }

    @Command(name = "approve", description = "Approve a run waiting for approval: it goes on.")
    static class Approve extends ApprovalCommand {

        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "reject", description = "Reject a run waiting for approval: it is cancelled.")
    static class Reject extends ApprovalCommand {

        @Override
        boolean approve() {
            return false;
        }
    }
}
