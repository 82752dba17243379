package io.keyroute.usage;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A newest-first listing of one table's rows in a {@link UsageScope}, a page at a time: ordered by its {@code at}
 * column and then its id, both descending, and paged by keyset on them (an earlier page's last id as {@code before}).
 *
 * @param select the {@code SELECT … FROM table} whose rows {@code row} reads
 */
record NewestFirst<T>(Jdbc jdbc, String table, String idColumn, String select, Jdbc.RowMapper<T> row) {

    /**
     * @param before an id from an earlier page: only older rows; null for the newest. Empty when that row is not in
     *               the scope (so ids of others cannot be probed).
     */
    Optional<Page<T>> latest(UsageScope scope, int limit, String before) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1").append(scope.condition());
        List<Object> params = new ArrayList<>();
        if (scope.id() != null) {
            params.add(scope.id());
        }
        if (before != null) {
            Optional<String> at = jdbc.queryOne("SELECT at FROM " + table + " WHERE " + idColumn + " = ?"
                            + scope.condition(), rs -> rs.getString(1),
                    scope.id() == null ? new Object[] {before} : new Object[] {before, scope.id()});
            if (at.isEmpty()) {
                return Optional.empty();
            }
            where.append(" AND ").append(Page.olderThan("at", idColumn));
            params.addAll(List.of(at.get(), at.get(), before));
        }
        params.add(limit + 1);
        return Optional.of(Page.of(jdbc.query(select + where + " ORDER BY at DESC, " + idColumn + " DESC LIMIT ?", row,
                params.toArray()), limit));
    }
}
