package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.uri.UriQuery;
import io.keyroute.api.error.ClientError;
import io.keyroute.store.Page;
import java.util.List;

/** {@code limit} (1–1000, default 100) and {@code before} (an id from an earlier page) of a newest-first listing. */
record PageParams(int limit, String before) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static PageParams of(UriQuery query) {
        int limit = DEFAULT_LIMIT;
        var text = query.first("limit").asOptional();
        if (text.isPresent()) {
            try {
                limit = Integer.parseInt(text.get());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ClientError.badRequest("invalid_request", "'limit' must be a whole number from 1 to " + MAX_LIMIT
                        + ".", "limit");
            }
        }
        return new PageParams(limit, query.first("before").asOptional().filter(s -> !s.isBlank()).orElse(null));
    }

    /** {@code {"data":[…], "has_more"}}: with more, ask again with the last item's id as {@code before}. */
    static ObjectNode json(Page<?> page, List<ObjectNode> items) {
        ObjectNode root = ManagementJson.list(items);
        root.put("has_more", page.hasMore());
        return root;
    }
}
