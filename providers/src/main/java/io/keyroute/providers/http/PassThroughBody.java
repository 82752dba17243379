package io.keyroute.providers.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.keyroute.api.RawBody;
import java.nio.charset.StandardCharsets;

/**
 * The caller's own bytes with the upstream model spliced in: what a pass-through sends instead of
 * a copied and re-serialised tree (that copy and write were ~4% of request CPU). Every other byte,
 * whitespace and escapes included, is the caller's: what Anthropic's signed thinking blocks need
 * to reach it as the caller sent them. Shared by the pass-throughs of every format.
 */
public final class PassThroughBody {
    /**
     * Put first in the object, where no comma is needed before it; the reader's model check means the
     * object has at least one other member, so the trailing comma is always followed by one.
     */
    private static final byte[] INCLUDE_USAGE =
            "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PROMPT_CACHE_KEY = "\"prompt_cache_key\":\"".getBytes(StandardCharsets.US_ASCII);

    private PassThroughBody() {
    }

    /**
     * @param addIncludeUsage insert {@code stream_options.include_usage}; only for a body without
     *                        {@code stream_options} (one that has them is rewritten as a tree)
     */
    public static byte[] spliced(RawBody raw, String model, boolean addIncludeUsage) {
        return spliced(raw, model, addIncludeUsage, null);
    }

    /**
     * @param promptCacheKey insert it as {@code prompt_cache_key} when not null; only for a body without one
     */
    public static byte[] spliced(RawBody raw, String model, boolean addIncludeUsage, String promptCacheKey) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(model);
        byte[] insert = addIncludeUsage ? INCLUDE_USAGE : new byte[0];
        if (promptCacheKey != null) {
            byte[] key = JsonStringEncoder.getInstance().quoteAsUTF8(promptCacheKey);
            byte[] member = new byte[insert.length + PROMPT_CACHE_KEY.length + key.length + 2];
            int at = copy(insert, 0, insert.length, member, 0);
            at = copy(PROMPT_CACHE_KEY, 0, PROMPT_CACHE_KEY.length, member, at);
            at = copy(key, 0, key.length, member, at);
            member[at++] = '"';
            member[at] = ',';
            insert = member;
        }
        byte[] in = raw.bytes();
        int afterBrace = raw.objectStart() + 1;
        byte[] out = new byte[in.length - (raw.modelEnd() - raw.modelStart()) + quoted.length + 2 + insert.length];
        int at = copy(in, 0, afterBrace, out, 0);
        at = copy(insert, 0, insert.length, out, at);
        at = copy(in, afterBrace, raw.modelStart(), out, at);
        out[at++] = '"';
        at = copy(quoted, 0, quoted.length, out, at);
        out[at++] = '"';
        copy(in, raw.modelEnd(), in.length, out, at);
        return out;
    }

    private static int copy(byte[] from, int start, int end, byte[] to, int at) {
        System.arraycopy(from, start, to, at, end - start);
        return at + end - start;
    }
}
