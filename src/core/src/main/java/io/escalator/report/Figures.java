package io.escalator.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the reports write amounts, durations and scores. */
public final class Figures {

    private Figures() {
    }

    /** Dollars: cents, or down to the millionth for amounts under a cent, so small costs do not show as $0.00. */
    public static String money(BigDecimal amount) {
        if (amount == null) {
            return "-";
        }
        BigDecimal shown = amount.abs().compareTo(new BigDecimal("0.01")) >= 0 || amount.signum() == 0
                ? amount.setScale(2, RoundingMode.HALF_UP) : amount.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return (shown.signum() < 0 ? "-$" : "$") + shown.abs().toPlainString();
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A CQS or a percentage with one decimal; {@code -} for none. */
    static String oneDecimal(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
