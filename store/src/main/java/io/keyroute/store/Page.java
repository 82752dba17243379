package io.keyroute.store;

import java.util.List;

/**
 * One page of a newest-first listing, read as {@code limit + 1} rows so that whether an older
 * page exists is known without counting.
 *
 * @param hasMore whether rows older than the last one exist (ask again with its id as {@code before})
 */
public record Page<T>(List<T> items, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }

    /** The page from rows read with {@code LIMIT limit + 1}. */
    public static <T> Page<T> of(List<T> rows, int limit) {
        return rows.size() > limit ? new Page<>(rows.subList(0, limit), true) : new Page<>(rows, false);
    }

    /**
     * The SQL condition "older than the row ({@code at}, {@code id})" for newest-first keyset paging
     * on a time column and a unique id: two bind parameters of the time and one of the id.
     */
    public static String olderThan(String timeColumn, String idColumn) {
        return "(" + timeColumn + " < ? OR (" + timeColumn + " = ? AND " + idColumn + " < ?))";
    }
}
