package io.escalator.model;

import io.escalator.ladder.Secret;
import io.escalator.ladder.Tier;
import io.escalator.model.retry.FailedModelCall;
import java.util.Locale;

/** Turns whatever a model call threw into one line that says what went wrong, with no secret in it. */
final class ModelFailures {

    private static final int MAX_DETAIL = 300;

    private ModelFailures() {
    }

    /** Who was called: "model m on tier t at https://...". */
    static String where(Tier tier, String model) {
        return "model " + model + " on tier " + tier.name() + " at " + tier.baseUrl();
    }

    static String describe(Throwable failure, Tier tier, String model) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailedModelCall failed) {
                return scrub(where(tier, model) + " " + failed.lastFault().what() + "; " + failed.triesSummary(), tier);
            }
        }
        // The HTTP client answered, and then LangChain4j could not make a chat response of it.
        Throwable root = rootCause(failure);
        String name = root.getClass().getName().toLowerCase(Locale.ROOT);
        if (name.contains("json") || name.contains("mismatchedinput") || name.contains("parse")) {
            return where(tier, model) + " sent a response that could not be parsed" + detail(root, tier);
        }
        return where(tier, model) + " failed: " + root.getClass().getSimpleName() + detail(root, tier);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String detail(Throwable failure, Tier tier) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        message = scrub(message.replaceAll("\\s+", " ").strip(), tier);
        return ": " + (message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message);
    }

    private static String scrub(String message, Tier tier) {
        return tier.apiKey().map(Secret::reveal).filter(key -> !key.isEmpty())
                .map(key -> message.replace(key, "****"))
                .orElse(message);
    }
}
