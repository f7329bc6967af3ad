package io.escalator.localstack.auth;

import io.escalator.config.EscalatorConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local stack's bearer tokens, each naming its principal: {@code escalator.auth.token} for the admin
 * {@code local}, and any number of {@code escalator.auth.tokens.<principal>}. Only their SHA-256 digests are kept, and
 * a presented token is compared with every one of them in constant time, so neither the time an answer takes nor
 * anything kept in memory says how much of a token was right.
 */
public final class LocalTokens {

    /** The principal of {@code escalator.auth.token}. */
    public static final String LOCAL_PRINCIPAL = "local";

    private final List<Holder> holders;

    private record Holder(String principal, byte[] digest, boolean admin) {
    }

    /** A caller a token stands for. */
    public record Caller(String principal, boolean admin) {
    }

    private LocalTokens(List<Holder> holders) {
        this.holders = List.copyOf(holders);
    }

    /**
     * The tokens of the configuration.
     *
     * @throws IllegalArgumentException a blank token, or one token given to two principals (naming neither token)
     */
    public static LocalTokens of(EscalatorConfig.Auth config) {
        Set<String> admins = config.admins().orElse(Set.of());
        Map<String, String> byPrincipal = new LinkedHashMap<>();
        config.token().ifPresent(token -> byPrincipal.put(LOCAL_PRINCIPAL, token));
        config.tokens().forEach((principal, token) -> {
            if (byPrincipal.putIfAbsent(principal, token) != null) {
                throw new IllegalArgumentException("escalator.auth.tokens." + principal + ": '" + principal
                        + "' is the principal of escalator.auth.token");
            }
        });
        List<Holder> holders = new ArrayList<>();
        byPrincipal.forEach((principal, token) -> {
            if (token.isBlank()) {
                throw new IllegalArgumentException("the token of '" + principal + "' is blank");
            }
            byte[] digest = digest(token);
            for (Holder other : holders) {
                if (MessageDigest.isEqual(other.digest(), digest)) {
                    throw new IllegalArgumentException("'" + other.principal() + "' and '" + principal
                            + "' have the same token: give each principal its own");
                }
            }
            holders.add(new Holder(principal, digest, principal.equals(LOCAL_PRINCIPAL) || admins.contains(principal)));
        });
        return new LocalTokens(holders);
    }

    public boolean isEmpty() {
        return holders.isEmpty();
    }

    /** The caller the token stands for, if it is one of these. */
    public Optional<Caller> callerOf(String presented) {
        byte[] digest = digest(presented);
        Holder found = null;
        // every holder compared, whatever matched before: the time taken does not depend on which token matched
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.digest(), digest)) {
                found = holder;
            }
        }
        return Optional.ofNullable(found).map(holder -> new Caller(holder.principal(), holder.admin()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
