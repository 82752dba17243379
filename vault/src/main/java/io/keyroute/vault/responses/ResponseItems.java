package io.keyroute.vault.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response's part of a conversation: the input items the caller sent and the output items the
 * model answered, each one Responses API item as JSON text (the store does not read them), kept
 * as UTF-8.
 */
public record ResponseItems(List<String> input, List<String> output) {
    public ResponseItems {
        input = List.copyOf(input);
        output = List.copyOf(output);
    }

    /** Input then output: the order a continuation sends them in. */
    public List<String> all() {
        var all = new ArrayList<String>(count());
        all.addAll(input);
        all.addAll(output);
        return all;
    }

    public int count() {
        return input.size() + output.size();
    }

    /** The items' UTF-8 size: what a conversation's byte bound counts. */
    public long bytes() {
        long bytes = 0;
        for (String item : all()) {
            bytes += item.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
