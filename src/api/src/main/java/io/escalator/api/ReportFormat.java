package io.escalator.api;

import io.escalator.validation.InvalidRequestException;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The forms of a run's progression report, and which one a request gets. */
enum ReportFormat {

    // In order of preference when the caller likes several equally (curl's */*): text first.
    TEXT(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")),
    JSON(MediaType.APPLICATION_JSON_TYPE),
    HTML(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));

    private final MediaType mediaType;

    ReportFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /**
     * {@code ?format=} when given (for links); otherwise the form the {@code Accept} header prefers, by quality, the
     * most specific of its media ranges deciding for each form. A browser names text/html and only then {@code *}/{@code *}
     * at a lower quality, so it gets HTML; curl ({@code *}/{@code *}) and a missing header get text.
     */
    static ReportFormat choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return Arrays.stream(values()).filter(value -> value.name().equalsIgnoreCase(format.strip())).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("format", "must be one of " + Arrays.stream(values())
                            .map(value -> value.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                            + ", was '" + format + "'"));
        }
        if (accept == null || accept.isBlank()) {
            return TEXT;
        }
        ReportFormat chosen = TEXT;
        double best = 0;
        for (ReportFormat candidate : values()) {
            double quality = candidate.quality(accept);
            if (quality > best) {
                chosen = candidate;
                best = quality;
            }
        }
        return chosen;
    }

    /** The quality the header gives this form: that of the most specific range that matches it, 0 when none does. */
    private double quality(String accept) {
        int specificity = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String[] type = parts[0].strip().toLowerCase(Locale.ROOT).split("/", 2);
            if (type.length != 2) {
                continue;
            }
            int rangeSpecificity = type[0].equals("*") ? 0 : type[1].equals("*") ? 1 : 2;
            boolean matches = (type[0].equals("*") || type[0].equals(mediaType.getType()))
                    && (type[1].equals("*") || type[1].equals(mediaType.getSubtype()));
            if (matches && rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                quality = qualityOf(parts);
            }
        }
        return quality;
    }

    private static double qualityOf(String[] rangeParts) {
        for (int i = 1; i < rangeParts.length; i++) {
            String[] parameter = rangeParts[i].strip().split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("q")) {
                try {
                    return Math.clamp(Double.parseDouble(parameter[1].strip()), 0, 1);
                } catch (NumberFormatException unreadable) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
