package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code escalator cleanup}: the retention job, now (for operators). */
@Command(name = "cleanup", description = "Delete old runs and telemetry, cancel overdue approvals.")
class CleanupCommand extends ApiCommand {

    @Option(names = "--older-than", required = true, paramLabel = "DAYS", converter = Days.class,
            description = "Delete runs older than this many days: 30d or 30.")
    Integer olderThanDays;

    @Option(names = "--telemetry-older-than", paramLabel = "DAYS", converter = Days.class,
            description = "Delete telemetry older than this many days (default: the API's retention).")
    Integer telemetryOlderThanDays;

    @Override
    void execute() {
        ObjectNode body = Json.object().put("olderThanDays", olderThanDays);
        if (telemetryOlderThanDays != null) {
            body.put("telemetryOlderThanDays", telemetryOlderThanDays);
        }
        JsonNode result = api().json(ApiRequest.post("/jobs/cleanup", Json.compact(body)));
        if (json()) {
            printJson(result);
            return;
        }
        Table.fields()
                .field("Deleted runs", Formats.plain(result.get("deletedRuns")))
                .field("Cancelled approvals", Formats.plain(result.get("cancelledApprovals")))
                .field("Deleted telemetry", Formats.plain(result.get("deletedTelemetry")))
                .field("Rolled up runs", Formats.plain(result.get("rolledUpRuns")))
                .alignRight(1)
                .print(out());
    }

    /** A number of days, {@code 30d} or {@code 30}; nothing negative, nothing else. */
    static final class Days implements ITypeConverter<Integer> {

        private static final Pattern DAYS = Pattern.compile("(\\d{1,6})[dD]?");

        @Override
        public Integer convert(String value) {
            Matcher matcher = DAYS.matcher(value.strip());
            if (!matcher.matches()) {
                throw new TypeConversionException("'" + value + "' is not a number of days; use e.g. 30d or 30");
            }
            return Integer.parseInt(matcher.group(1));
        }
    }
}
