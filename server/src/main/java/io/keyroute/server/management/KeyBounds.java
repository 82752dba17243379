package io.keyroute.server.management;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.vault.keys.KeyRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A key issued or changed with a key is never wider than the key that does it: limits no higher
 * (an issuer without a limit allows any), models a subset of its own, expiry no later. What the
 * caller leaves unset when issuing is the issuer's own.
 */
final class KeyBounds {
    private final KeyRequest issuer;

    /** @param issuer the calling key's settings */
    KeyBounds(KeyRequest issuer) {
        this.issuer = issuer;
    }

    /** What was asked for, with the issuer's limits where it asked for none. */
    KeyRequest inherit(KeyRequest asked) {
        return new KeyRequest(asked.name(), or(asked.rpm(), issuer.rpm()), or(asked.tpm(), issuer.tpm()),
                or(asked.budgetUsd(), issuer.budgetUsd()), asked.models().isEmpty() ? issuer.models() : asked.models(),
                or(asked.expiresAt(), issuer.expiresAt()));
    }

    private static <T> T or(T asked, T issuers) {
        return asked != null ? asked : issuers;
    }

    /** Refuses (403 {@code wider_than_issuer}) the first of {@code fields} in which {@code wanted} is wider. */
    void require(KeyRequest wanted, Set<String> fields) {
        if (fields.contains("rpm") && wider(wanted.rpm(), issuer.rpm())) {
            throw refused("rpm", wanted.rpm(), issuer.rpm());
        }
        if (fields.contains("tpm") && wider(wanted.tpm(), issuer.tpm())) {
            throw refused("tpm", wanted.tpm(), issuer.tpm());
        }
        if (fields.contains("budget_usd") && wider(wanted.budgetUsd(), issuer.budgetUsd())) {
            throw refused("budget_usd", wanted.budgetUsd(), issuer.budgetUsd());
        }
        if (fields.contains("models") && !issuer.models().isEmpty() && !covered(wanted.models(), issuer.models())) {
            throw refused("models", wanted.models().isEmpty() ? null : wanted.models(), issuer.models());
        }
        if (fields.contains("expires_at") && later(wanted.expiresAt(), issuer.expiresAt())) {
            throw refused("expires_at", wanted.expiresAt(), issuer.expiresAt());
        }
    }

    private static <T extends Comparable<T>> boolean wider(T wanted, T limit) {
        return limit != null && (wanted == null || wanted.compareTo(limit) > 0);
    }

    private static boolean later(Instant wanted, Instant limit) {
        return limit != null && (wanted == null || wanted.isAfter(limit));
    }

    /** Every wanted entry is one the issuer allows: itself, under the issuer's {@code *} or {@code provider/*}. */
    private static boolean covered(List<String> wanted, List<String> allowed) {
        if (wanted.isEmpty()) {
            return allowed.contains("*");
        }
        return wanted.stream().allMatch(m -> allowed.contains(m) || allowed.contains("*")
                || m.indexOf('/') > 0 && !m.endsWith("/*") && allowed.contains(m.substring(0, m.indexOf('/')) + "/*"));
    }

    private static ClientError refused(String field, Object wanted, Object limit) {
        return new ClientError(ErrorType.PERMISSION, "wider_than_issuer", "'" + field + "' "
                + (wanted == null ? "unlimited" : wanted) + " is wider than the calling key's own (" + limit
                + "): a key issues and changes keys no wider than itself. Use the admin token for wider keys.", field);
    }
}
