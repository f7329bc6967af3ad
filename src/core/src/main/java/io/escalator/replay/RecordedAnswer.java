package io.escalator.replay;

import java.math.BigDecimal;

/**
 * One model's recorded answer to one prompt.
 *
 * @param correct  the recorded score was 1
 * @param response the answer's text
 * @param cost     what the call cost, in USD
 */
public record RecordedAnswer(boolean correct, String response, BigDecimal cost) {
}
