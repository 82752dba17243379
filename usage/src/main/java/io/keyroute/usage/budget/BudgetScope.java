package io.keyroute.usage.budget;

import java.util.Locale;

/**
 * Whose spending a budget limits. A plan's trial budget has no scope of its own: it is a monthly
 * limit on the workspace's spending (see {@link BudgetLines}).
 */
public enum BudgetScope {
    WORKSPACE("workspace_id"),
    USER("user_id"),
    KEY("key_id");

    private final String ledgerColumn;
    /** Kept: every counter's id spells it, several times a request. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    BudgetScope(String ledgerColumn) {
        this.ledgerColumn = ledgerColumn;
    }

    public String wire() {
        return wire;
    }

    /** The {@code usage_events} column naming this scope's owner. */
    String ledgerColumn() {
        return ledgerColumn;
    }
}
