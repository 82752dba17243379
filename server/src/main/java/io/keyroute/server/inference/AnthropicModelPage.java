package io.keyroute.server.inference;

import io.keyroute.api.error.ClientError;
import java.util.List;

/**
 * One page of a model list as Anthropic's {@code GET /v1/models} pages it (its SDKs'
 * {@code ModelListParams} and {@code SyncPage}): {@code limit} items, 1 to 1,000, 20 by default;
 * {@code after_id} the page immediately after that id, {@code before_id} the page immediately before
 * it (the {@code limit} items that precede it, in list order); {@code has_more} whether more items
 * lie beyond the page in the direction asked (after it, or before it for {@code before_id}), which
 * is how the SDKs know to ask for the next page with {@code after_id = last_id} or
 * {@code before_id = first_id}.
 *
 * @param ids     the page's ids, in list order
 * @param hasMore whether the list goes on past the page in the direction asked
 */
record AnthropicModelPage(List<String> ids, boolean hasMore) {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1_000;

    /**
     * The page of {@code all} the query asks for; each parameter as sent, null when absent.
     *
     * @throws ClientError a {@code limit} that is not an integer from 1 to 1,000, both cursors at once,
     *                     or a cursor that names no id of the list
     */
    static AnthropicModelPage of(List<String> all, String limit, String beforeId, String afterId) {
        int size = limit(limit);
        if (beforeId != null && afterId != null) {
            throw ClientError.badRequest("invalid_value", "Give 'before_id' or 'after_id', not both.", "before_id");
        }
        if (beforeId != null) {
            int end = position(all, beforeId, "before_id");
            int start = Math.max(0, end - size);
            return new AnthropicModelPage(all.subList(start, end), start > 0);
        }
        int start = afterId == null ? 0 : position(all, afterId, "after_id") + 1;
        int end = Math.min(all.size(), start + size);
        return new AnthropicModelPage(all.subList(start, end), end < all.size());
    }

    String firstId() {
        return ids.isEmpty() ? null : ids.getFirst();
    }

    String lastId() {
        return ids.isEmpty() ? null : ids.getLast();
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as an out-of-range one is
        }
        throw ClientError.badRequest("invalid_value", "'limit' must be an integer from 1 to 1000.", "limit");
    }

    private static int position(List<String> all, String id, String param) {
        int at = all.indexOf(id);
        if (at < 0) {
            // not quoted back: a caller's string in an error is only trouble
            throw ClientError.badRequest("invalid_value", "'" + param + "' names no model in this key's list.", param);
        }
        return at;
    }
}
