package io.escalator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How figures from the API are shown to a person. A figure that is missing or null is shown as {@value #NONE}. */
final class Formats {

    static final String NONE = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    /** USD, exactly as the API sent it: {@code $0.000251}. */
    static String money(JsonNode value) {
        BigDecimal amount = decimal(value);
        return amount == null ? NONE : "$" + amount.toPlainString();
    }

    /** USD to three significant digits, for costs per prompt or item, which are fractions of a cent: {@code $0.0568}. */
    static String roundedMoney(JsonNode value) {
        BigDecimal amount = decimal(value);
        return amount == null ? NONE : "$" + amount.round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A figure that already is a percentage ({@code savingsPercent}): {@code 72.8%}. */
    static String percent(JsonNode value) {
        BigDecimal percent = decimal(value);
        return percent == null ? NONE : percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A share between 0 and 1 as a percentage: {@code 0.625} is {@code 62.5%}. */
    static String share(JsonNode value) {
        BigDecimal share = decimal(value);
        return share == null ? NONE : share.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** One decimal: a CQS, attempts per item. */
    static String oneDecimal(JsonNode value) {
        BigDecimal number = decimal(value);
        return number == null ? NONE : number.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A count, or any other value as the API sent it. */
    static String plain(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? NONE : value.asText();
    }

    /** An instant from the API in the given zone, to the second; text that is no instant is shown as it is. */
    static String time(JsonNode value, ZoneId zone) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NONE;
        }
        try {
            return TIME.format(Instant.parse(value.asText()).atZone(zone));
        } catch (DateTimeParseException e) {
            return value.asText();
        }
    }

    /** Shortens text to at most {@code max} characters, on one line. */
    static String abbreviate(String text, int max) {
        if (text == null) {
            return NONE;
        }
        String line = oneLine(text);
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** Text on one line: line breaks and tabs become spaces. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n\\t]+\\s*", " ").strip();
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
