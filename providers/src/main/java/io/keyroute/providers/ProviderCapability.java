package io.keyroute.providers;

/**
 * What a provider kind can serve through its adapter and transport, declared by its
 * {@link ProviderKind}: a conformance case a kind does not declare is skipped for it, by name.
 */
public enum ProviderCapability {
    /** A whole (non-streamed) chat answer. */
    CHAT,
    /** A streamed chat answer. */
    STREAM,
    /** Tool definitions sent, tool calls answered. */
    TOOLS,
    /** Tool calls answered in a stream. */
    STREAM_TOOLS,
    /** Images in the prompt. */
    VISION,
    /** {@code response_format}: a JSON answer, to a schema when one is given. */
    JSON_MODE,
    /** {@code POST /v1/embeddings}. */
    EMBEDDINGS
}
