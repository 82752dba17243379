package io.keyroute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bytes a caller's JSON body was parsed from, and where its top-level {@code "model"} string
 * sits in them, so a provider of the same format can be sent the caller's bytes with only the
 * model spliced in, instead of a re-serialised tree (~4% of request CPU).
 *
 * <p>A reader makes one only when splicing is safe: UTF-8 bytes without a byte order mark, one
 * top-level object, no duplicate top-level key (an upstream parser that kept the first duplicate
 * could otherwise be sent a model Keyroute did not route or price). It is bound to the tree it was
 * parsed into ({@link #parsedInto}): a request carries it only alongside that very tree (see
 * {@link ChatRequest}), so a new body never travels with stale bytes.
 *
 * @param bytes       the caller's body as received; never modified
 * @param parsedInto  the tree parsed from {@code bytes}, by identity
 * @param objectStart offset of the top-level object's opening brace
 * @param modelStart  offset of the opening quote of the top-level model value
 * @param modelEnd    offset just after its closing quote
 * @param items       the start and end of each item of the top-level array the reader asked for (a Responses
 *                    request's {@code input}: what a kept response keeps as sent), in order; null when none was
 *                    asked for or that field is not an array
 */
public record RawBody(byte[] bytes, ObjectNode parsedInto, int objectStart, int modelStart, int modelEnd, int[] items) {

    public RawBody {
        if (!frames(bytes, objectStart, modelStart, modelEnd)) {
            throw new IllegalArgumentException("offsets do not frame an object and its model string");
        }
    }

    /** Bytes whose array items nobody asked for. */
    public RawBody(byte[] bytes, ObjectNode parsedInto, int objectStart, int modelStart, int modelEnd) {
        this(bytes, parsedInto, objectStart, modelStart, modelEnd, null);
    }

    /** Whether the offsets point at an opening brace and, after it, a quoted string. */
    public static boolean frames(byte[] bytes, long objectStart, long modelStart, long modelEnd) {
        return objectStart >= 0 && objectStart < modelStart && modelStart + 2 <= modelEnd && modelEnd <= bytes.length
                && bytes[(int) objectStart] == '{' && bytes[(int) modelStart] == '"' && bytes[(int) modelEnd - 1] == '"';
    }

    /** Not the bytes nor the tree: a request's toString already shows its body once. */
    @Override
    public String toString() {
        return "RawBody[" + bytes.length + " bytes, model at " + modelStart + ".." + modelEnd + "]";
    }

    /** Whether this was parsed into {@code body} (that very instance). */
    public boolean describes(ObjectNode body) {
        return parsedInto == body;
    }
}
