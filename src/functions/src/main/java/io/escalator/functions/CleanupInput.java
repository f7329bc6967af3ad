package io.escalator.functions;

/**
 * Input of cleanup.
 *
 * @param olderThanDays delete runs created more than this many days ago; unset: the configured retention
 */
public record CleanupInput(Integer olderThanDays) implements StepInput {

    @Override
    public void validate() {
        if (olderThanDays != null && olderThanDays < 0) {
            throw new InvalidStepInputException("olderThanDays", "must be 0 or more, was " + olderThanDays);
        }
    }
}
