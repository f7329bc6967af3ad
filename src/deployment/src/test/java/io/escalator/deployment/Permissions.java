package io.escalator.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM statements each function and state machine of the template gets through its {@code Policies}: inline
 * statements, and this template's own {@code AWS::IAM::ManagedPolicy} resources referenced with {@code !Ref}. Both
 * branches of an {@code !If} count (either may be deployed). Anything else (an AWS managed policy name, a policy
 * template, a policy from outside the template) is reported as {@link Grant#opaque()}: its statements cannot be
 * read here, so the tests refuse it.
 */
final class Permissions {

    /** One statement granted to a principal, or an opaque policy when {@code statement} is null. */
    record Grant(String principal, String source, JsonNode statement) {

        boolean opaque() {
            return statement == null;
        }

        List<String> actions() {
            return strings(statement.path("Action"));
        }

        /** The Resource element: each entry as it is written (a string or an intrinsic). */
        List<JsonNode> resources() {
            JsonNode resource = statement.path("Resource");
            List<JsonNode> resources = new ArrayList<>();
            if (resource.isArray()) {
                resource.forEach(resources::add);
            } else if (!resource.isMissingNode()) {
                resources.add(resource);
            }
            return resources;
        }

        boolean allResources() {
            return resources().stream().anyMatch(r -> r.isTextual() && r.asText().equals("*"));
        }

        @Override
        public String toString() {
            return principal + " <- " + source + ": " + (opaque() ? "(opaque)" : statement.toString());
        }
    }

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

    private final SamTemplate template;

    Permissions(SamTemplate template) {
        this.template = template;
    }

    /** Every principal (function or state machine logical id) with its grants. */
    Map<String, List<Grant>> byPrincipal() {
        Map<String, List<Grant>> grants = new LinkedHashMap<>();
        template.resourcesOfType(SamTemplate.FUNCTION).forEach((id, resource) ->
                grants.put(id, grants(id, resource.path("Properties").path("Policies"))));
        template.resourcesOfType(SamTemplate.STATE_MACHINE).forEach((id, resource) ->
                grants.put(id, grants(id, resource.path("Properties").path("Policies"))));
        return grants;
    }

    List<Grant> all() {
        return byPrincipal().values().stream().flatMap(List::stream).toList();
    }

    private List<Grant> grants(String principal, JsonNode policies) {
        List<Grant> grants = new ArrayList<>();
        if (policies.isArray()) {
            policies.forEach(policy -> policy(principal, policy, grants));
        } else if (!policies.isMissingNode()) {
            policy(principal, policies, grants);
        }
        return grants;
    }

    private void policy(String principal, JsonNode policy, List<Grant> grants) {
        if (policy.has("Fn::If")) {
            policy(principal, policy.path("Fn::If").path(1), grants);
            policy(principal, policy.path("Fn::If").path(2), grants);
            return;
        }
        Optional<String> ref = SamTemplate.refTarget(policy);
        if (ref.isPresent()) {
            if (ref.get().equals("AWS::NoValue")) {
                return;
            }
            JsonNode managed = template.root().path("Resources").path(ref.get());
            if (!"AWS::IAM::ManagedPolicy".equals(managed.path("Type").asText())) {
                grants.add(new Grant(principal, "!Ref " + ref.get() + " (not a managed policy of this template)", null));
                return;
            }
            statements(managed.path("Properties").path("PolicyDocument"))
                    .forEach(s -> grants.add(new Grant(principal, ref.get(), s)));
        } else if (policy.isObject() && policy.has("Statement")) {
            statements(policy).forEach(s -> grants.add(new Grant(principal, "inline", s)));
        } else {
            grants.add(new Grant(principal, policy.isTextual() ? "managed policy " + policy.asText()
                    : "policy template or intrinsic " + policy, null));
        }
    }

    private static List<JsonNode> statements(JsonNode document) {
        List<JsonNode> statements = new ArrayList<>();
        JsonNode statement = document.path("Statement");
        if (statement.isArray()) {
            statement.forEach(statements::add);
        } else if (!statement.isMissingNode()) {
            statements.add(statement);
        }
        return statements;
    }

    static List<String> strings(JsonNode node) {
        List<String> strings = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> strings.add(n.asText()));
        } else if (node.isTextual()) {
            strings.add(node.asText());
        }
        return strings;
    }

    /** The logical ids and parameters a Resource entry refers to (Ref, GetAtt, ${Name} in Sub), pseudo parameters left out. */
    static Set<String> references(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collectReferences(node, names);
        names.removeIf(name -> name.startsWith("AWS::"));
        return names;
    }

    private static void collectReferences(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if (node.path("Ref").isTextual()) {
                names.add(node.path("Ref").asText().split("\\.")[0]);
            }
            if (node.path("Fn::GetAtt").isArray()) {
                names.add(node.path("Fn::GetAtt").path(0).asText());
            }
            JsonNode sub = node.path("Fn::Sub");
            String text = sub.isTextual() ? sub.asText() : sub.path(0).asText();
            Matcher matcher = SUB_REFERENCE.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            node.forEach(child -> collectReferences(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, names));
        }
    }
}
