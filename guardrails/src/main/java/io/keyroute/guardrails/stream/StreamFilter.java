package io.keyroute.guardrails.stream;

/**
 * Rewrites a streamed text delta by delta: each call returns the text that may be sent now (possibly
 * empty, holding back a bounded tail it cannot decide yet); {@link #flush()} returns the rest at the end.
 * Concatenating every result and the flush gives the same text as rewriting the whole text at once. One
 * instance serves one stream, on one thread at a time.
 */
public interface StreamFilter {

    /** The text that can be sent after {@code delta} arrived. */
    String accept(CharSequence delta);

    /** The held-back tail, rewritten; the stream ended. */
    String flush();
}
