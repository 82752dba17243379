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

    BudgetScope(String ledgerColumn) {
        this.ledgerColumn = ledgerColumn;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code usage_events} column naming this scope's owner. */
    String ledgerColumn() {
        return ledgerColumn;
    }
}
