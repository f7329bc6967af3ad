package io.escalator.functions;

/**
 * Input of cleanup.
 *
 * @param olderThanDays          delete runs created more than this many days ago; unset: the configured retention
 * @param telemetryOlderThanDays delete telemetry older than this many days; unset: the configured retention
 */
public record CleanupInput(Integer olderThanDays, Integer telemetryOlderThanDays) implements StepInput {

    @Override
    public void validate() {
        if (olderThanDays != null && olderThanDays < 0) {
            throw new InvalidStepInputException("olderThanDays", "must be 0 or more, was " + olderThanDays);
        }
        if (telemetryOlderThanDays != null && telemetryOlderThanDays < 0) {
            throw new InvalidStepInputException("telemetryOlderThanDays", "must be 0 or more, was " + telemetryOlderThanDays);
        }
    }
}
