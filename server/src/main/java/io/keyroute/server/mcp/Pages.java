package io.keyroute.server.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Follows an upstream listing's cursors, within bounds an upstream cannot stretch. */
final class Pages {
    static final int MAX_PAGES = 20;
    static final int MAX_ITEMS = 2_000;

    private Pages() {
    }

    /** @param page one page from a cursor (null for the first): its items and the next cursor, or null */
    static <T> List<T> all(Function<String, Page<T>> page) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES && items.size() < MAX_ITEMS; i++) {
            Page<T> got = page.apply(cursor);
            if (got.items() != null) {
                items.addAll(got.items().subList(0, Math.min(got.items().size(), MAX_ITEMS - items.size())));
            }
            cursor = got.next();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return items;
    }

    record Page<T>(List<T> items, String next) {
    }
}
