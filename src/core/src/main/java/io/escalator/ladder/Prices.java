package io.escalator.ladder;

import io.escalator.cost.TokenUsage;
import java.math.BigDecimal;

/** USD per million input and output tokens. Zero is a valid price: a free local tier. */
public record Prices(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO);

    /** The exact cost of a call: tokens times prices, no rounding. */
    public BigDecimal cost(TokenUsage usage) {
        return inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .movePointLeft(6)
                .stripTrailingZeros();
    }
}
