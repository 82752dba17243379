package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.error.ClientError;
import java.util.Iterator;
import java.util.Set;

/**
 * Refuses a top-level key that differs from one Keyroute reads only in case ({@code "Model"},
 * {@code "STREAM"}). Keyroute routes, limits and prices by the exact key, and passes the rest
 * through; an upstream written in Go matches JSON keys case-insensitively (the last match wins), so
 * {@code "Model"} would pick another model than the one routed and priced, {@code "N"} more
 * choices than reserved. OpenAI itself refuses such keys as unrecognised, so no working client
 * sends them.
 */
public final class CaseVariantKeys {
    /** The top-level keys of a Chat Completions or Embeddings body that routing, limits or pricing read. */
    private static final Set<String> READ = Set.of("model", "messages", "input", "stream", "stream_options", "n",
            "max_tokens", "max_completion_tokens", "service_tier", "tools");

    private CaseVariantKeys() {
    }

    static void refuse(ObjectNode root) {
        refuse(root, READ);
    }

    /** Refuses a key that folds to one of {@code read} (another API's keys that routing, limits or pricing read). */
    public static void refuse(ObjectNode root, Set<String> read) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name) && mayFold(name) && read.contains(fold(name))) {
                throw ClientError.badRequest("unknown_parameter", "Unrecognized request argument supplied: "
                        + name + ". Request keys are case-sensitive: did you mean '" + fold(name) + "'?", name);
            }
        }
    }

    /** Plain lower-case ASCII names (nearly all of them) fold to themselves. */
    private static boolean mayFold(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * Go's case folding as far as these keys go: upper to lower case, also the Kelvin sign (K) to
     * {@code k} and the long s (ſ) to {@code s}, which Go's encoding/json matches too.
     */
    private static String fold(String name) {
        var folded = new StringBuilder(name.length());
        name.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }
}
