package io.escalator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.escalator.policy.BudgetLimits;
import io.escalator.quality.GateResources;
import io.escalator.quality.Gates;
import io.escalator.run.ItemSpec;
import io.escalator.run.RunSpec;
import io.escalator.validation.FieldErrors;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a run request completely and turns it into a {@link RunSpec}: the fields every run has (workflow, budget,
 * approval line, dry run) here, the workflow's own fields by the workflow. Every problem is reported at once, each
 * naming its field; nothing is stored or called for a request with any problem.
 */
public final class RunRequestParser {

    public static final String SINGLE_ITEM_ID = "item-1";
    static final int MAX_TEXT_LENGTH = 100_000;
    static final int MAX_ITEMS = 1_000;
    static final int MAX_GATES = 50;
    /** A budget or approval line above a million dollars is a typo, not a plan. */
    static final BigDecimal MAX_MONEY = BigDecimal.valueOf(1_000_000);
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> COMMON_FIELDS = Set.of("workflow", "budget", "autoApproveUnder", "dryRun");
    private static final Set<String> BUDGET_FIELDS = Set.of("maxCost", "maxSeconds", "maxAttempts");
    private static final Set<String> ITEM_FIELDS = Set.of("id", "input");

    private RunRequestParser() {
    }

    public static RunSpec parse(JsonNode body, Workflows workflows) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        String name = text(body, "workflow", errors);
        Optional<Workflow> workflow = Optional.ofNullable(name).flatMap(workflows::named);
        if (name != null && workflow.isEmpty()) {
            errors.add("workflow", workflows.unknown(name));
        }
        // with an unknown workflow there is no telling which other fields it would have: only that is reported
        workflow.ifPresent(found -> {
            Set<String> known = new TreeSet<>(COMMON_FIELDS);
            known.addAll(found.fields());
            unknownFields(body, known, "", errors);
        });
        WorkflowRequest request = workflow.map(found -> found.parse(body, errors)).orElse(null);
        BudgetLimits budget = budget(body.get("budget"), errors);
        BigDecimal autoApproveUnder = money(body.get("autoApproveUnder"), "autoApproveUnder", true, errors);
        JsonNode dryRun = body.get("dryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            errors.add("dryRun", "must be true or false");
        }
        errors.throwIfAny();
        return new RunSpec(name, request.objective(), request.items(), request.gates(), request.data(), budget,
                autoApproveUnder, dryRun != null && dryRun.asBoolean(false));
    }

    /**
     * The {@code gates} field: checked fully (types, patterns, schemas); at most {@link #MAX_GATES}.
     *
     * @param required  whether at least one gate is needed
     * @param resources what the gates use (the sandbox of {@code tests} gates, the dataset of {@code recorded-label})
     */
    public static JsonNode gates(JsonNode body, boolean required, FieldErrors errors, GateResources resources) {
        JsonNode gates = body.get("gates");
        if (gates == null || gates.isNull()) {
            if (required) {
                errors.add("gates", "at least one gate is required: without gates no answer can be checked");
            }
            return JsonNodeFactory.instance.arrayNode();
        }
        Gates.parse(gates, "gates", errors, resources);
        if (required && gates.isArray() && gates.isEmpty()) {
            errors.add("gates", "at least one gate is required: without gates no answer can be checked");
        } else if (gates.size() > MAX_GATES) {
            errors.add("gates", "has " + gates.size() + " gates; at most " + MAX_GATES);
        }
        return gates;
    }

    /** The {@code items} field, or the objective as the single item when there is none. */
    public static List<ItemSpec> itemsOrObjective(JsonNode body, String objective, FieldErrors errors) {
        return body.has("items") ? items(body.get("items"), errors)
                : objective == null ? List.of() : List.of(new ItemSpec(SINGLE_ITEM_ID, objective));
    }

    private static List<ItemSpec> items(JsonNode node, FieldErrors errors) {
        if (!node.isArray() || node.isEmpty()) {
            errors.add("items", "must be a non-empty array of {\"id\", \"input\"} objects");
            return List.of();
        }
        if (node.size() > MAX_ITEMS) {
            errors.add("items", "has " + node.size() + " items; at most " + MAX_ITEMS + " per run");
            return List.of();
        }
        List<ItemSpec> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                errors.add(at, "must be an object with \"id\" and \"input\"");
                continue;
            }
            unknownFields(item, ITEM_FIELDS, at + ".", errors);
            String id = text(item, "id", at + ".id", errors);
            String input = text(item, "input", at + ".input", errors);
            if (id != null && !ITEM_ID.matcher(id).matches()) {
                errors.add(at + ".id", "'" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            } else if (id != null && !ids.add(id)) {
                errors.add(at + ".id", "'" + id + "' is used by another item");
            }
            if (id != null && input != null) {
                items.add(new ItemSpec(id, input));
            }
        }
        return items;
    }

    private static BudgetLimits budget(JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return BudgetLimits.NONE;
        }
        if (!node.isObject()) {
            errors.add("budget", "must be an object with maxCost, maxSeconds and/or maxAttempts");
            return BudgetLimits.NONE;
        }
        unknownFields(node, BUDGET_FIELDS, "budget.", errors);
        BigDecimal maxCost = money(node.get("maxCost"), "budget.maxCost", false, errors);
        Integer maxSeconds = positiveInt(node, "maxSeconds", errors);
        Integer maxAttempts = positiveInt(node, "maxAttempts", errors);
        return new BudgetLimits(maxCost, maxSeconds == null ? null : Duration.ofSeconds(maxSeconds), maxAttempts);
    }

    /** An amount in USD: a number above 0 (or at least 0 when zero is allowed); {@code null} when absent. */
    private static BigDecimal money(JsonNode value, String field, boolean zeroAllowed, FieldErrors errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            errors.add(field, "must be a number (USD)");
            return null;
        }
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            errors.add(field, "must be a finite number (USD), at most " + MAX_MONEY.toPlainString());
            return null;
        }
        BigDecimal amount = value.decimalValue();
        if (amount.compareTo(MAX_MONEY) > 0) {
            errors.add(field, "must be at most " + MAX_MONEY.toPlainString() + " (USD)");
            return null;
        }
        if (amount.signum() < 0 || (!zeroAllowed && amount.signum() == 0)) {
            errors.add(field, "must be " + (zeroAllowed ? "0 or more" : "greater than 0") + ", was " + amount.toPlainString());
            return null;
        }
        return amount;
    }

    private static Integer positiveInt(JsonNode budget, String field, FieldErrors errors) {
        JsonNode value = budget.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            errors.add("budget." + field, "must be a whole number");
            return null;
        }
        if (value.intValue() <= 0) {
            errors.add("budget." + field, "must be greater than 0, was " + value.intValue());
            return null;
        }
        return value.intValue();
    }

    public static String text(JsonNode node, String field, FieldErrors errors) {
        return text(node, field, field, errors);
    }

    public static String text(JsonNode node, String field, String name, FieldErrors errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(name, "is required");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(name, "must be a string");
            return null;
        }
        if (value.asText().isBlank()) {
            errors.add(name, "must not be blank");
            return null;
        }
        if (value.asText().length() > MAX_TEXT_LENGTH) {
            errors.add(name, "is " + value.asText().length() + " characters long; at most " + MAX_TEXT_LENGTH);
            return null;
        }
        return value.asText();
    }

    public static void unknownFields(JsonNode node, Set<String> known, String prefix, FieldErrors errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(prefix + name, "unknown field; known fields: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
