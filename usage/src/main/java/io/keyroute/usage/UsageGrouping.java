package io.keyroute.usage;

import java.util.Arrays;
import java.util.Optional;

/** What a usage report groups by: the {@code group_by} values and the SQL expression of each. */
public enum UsageGrouping {
    PROVIDER("provider", "provider"),
    // || is NULL when either side is: a request that never reached a provider has no model.
    MODEL("model", "provider || '/' || model"),
    USER("user", "user_id"),
    KEY("key", "key_id"),
    WORKSPACE("workspace", "workspace_id"),
    // The route name asked for; null for requests that named a model.
    ROUTE("route", "route"),
    // Times are fixed-width RFC 3339 UTC text, so the date is their first ten characters on both databases.
    DAY("day", "substr(at, 1, 10)", "day", "substr(hour, 1, 10)"),
    // The RFC 3339 start of the hour or minute (the console's charts): the same fixed-width prefix, completed.
    // Daily roll-ups cannot tell them; hourly ones tell the hour (their hour column is that text), not the minute.
    HOUR("hour", "substr(at, 1, 13) || ':00:00Z'", null, "hour"),
    MINUTE("minute", "substr(at, 1, 16) || ':00Z'", null, null);

    private final String name;
    private final String sql;
    private final String dailySql;
    private final String hourlySql;

    /** A group a roll-up row has under the same column names as a ledger row. */
    UsageGrouping(String name, String sql) {
        this(name, sql, sql, sql);
    }

    UsageGrouping(String name, String sql, String dailySql, String hourlySql) {
        this.name = name;
        this.sql = sql;
        this.dailySql = dailySql;
        this.hourlySql = hourlySql;
    }

    /** Its {@code group_by} value. */
    public String wire() {
        return name;
    }

    public static Optional<UsageGrouping> of(String name) {
        return Arrays.stream(values()).filter(g -> g.name.equals(name)).findFirst();
    }

    /** The group's expression over {@code usage_events}. */
    String sql() {
        return sql;
    }

    /** The group's expression over {@code usage_daily}; null when daily roll-ups cannot answer it. */
    String dailySql() {
        return dailySql;
    }

    /** The group's expression over {@code usage_hourly}; null when hourly roll-ups cannot answer it. */
    String hourlySql() {
        return hourlySql;
    }
}
