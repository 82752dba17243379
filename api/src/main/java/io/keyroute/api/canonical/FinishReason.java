package io.keyroute.api.canonical;

/** Why the model stopped. */
public enum FinishReason {
    /** A natural end or a stop sequence. */
    STOP,
    /** The token limit. */
    LENGTH,
    /** The model called tools and waits for their results. */
    TOOL_CALLS,
    /** The provider withheld or cut the answer (safety, refusal, recitation). */
    CONTENT_FILTER
}
