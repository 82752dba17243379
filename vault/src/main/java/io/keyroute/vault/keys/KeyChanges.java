package io.keyroute.vault.keys;

import io.keyroute.store.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The audit note of a key change: each limit that changed, old → new ("none" for unlimited). A
 * new name is noted without its text (free text a caller chose stays out of the audit trail).
 */
final class KeyChanges {
    private KeyChanges() {
    }

    static String describe(KeyRequest before, KeyRequest after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) {
            changes.add("renamed");
        }
        add(changes, "rpm", before, after, KeyRequest::rpm);
        add(changes, "tpm", before, after, KeyRequest::tpm);
        add(changes, "budget_usd", before, after, KeyRequest::budgetUsd);
        add(changes, "models", before, after, r -> r.models().isEmpty() ? null : String.join(" ", r.models()));
        add(changes, "expires_at", before, after, r -> Times.format(r.expiresAt()));
        return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }

    private static void add(List<String> changes, String field, KeyRequest before, KeyRequest after,
                            Function<KeyRequest, Object> value) {
        Object old = value.apply(before);
        Object now = value.apply(after);
        if (!Objects.equals(old, now)) {
            changes.add(field + " " + (old == null ? "none" : old) + " → " + (now == null ? "none" : now));
        }
    }
}
