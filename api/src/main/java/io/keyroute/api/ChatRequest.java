package io.keyroute.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An inbound chat request, parsed once. {@code body} is the caller's JSON as sent, so that a
 * provider speaking the same wire format receives every field, known to Keyroute or not.
 *
 * @param format           the API shape the caller used (and expects back)
 * @param body             the request JSON; never mutated (adapters copy before rewriting); a
 *                         changed body is a new request, made with {@link #withBody}
 * @param model            what the caller asked for: {@code provider/model}, a catalog name or a route
 * @param stream           whether the caller asked for a stream
 * @param clientWantsUsage whether the caller asked for usage in the stream
 * @param passHeaders      caller headers a provider of the same format receives as sent
 *                         (e.g. {@code anthropic-beta}); names in lower case
 * @param raw              the bytes {@code body} was parsed from, for a pass-through that splices
 *                         the model in; null when splicing is unsafe or the body is not the one read
 * @param reading          the caller format's own reading of {@code body}, for a translation to reuse;
 *                         null when none, or when it was read from another tree
 * @param promptCacheKey   a stable name of the conversation the request belongs to, hashed from its
 *                         session so it says nothing of who or what, for a provider that keeps a
 *                         conversation's prompt cache warm by one (OpenAI's {@code prompt_cache_key});
 *                         null when the request names no session
 */
public record ChatRequest(WireFormat format, ObjectNode body, String model, boolean stream,
                          boolean clientWantsUsage, Map<String, String> passHeaders, RawBody raw,
                          BodyReading reading, String promptCacheKey) {

    /**
     * Raw bytes and a reading are kept only with the very tree they were parsed into: a request built
     * around any other body (a translation, a guardrail's edited copy) cannot carry bytes or a
     * reading that no longer say what its body says, whoever builds it. (Editing {@code body} in place would defeat this; the
     * tree is never mutated.)
     */
    public ChatRequest {
        passHeaders = passHeaders == null ? Map.of() : Map.copyOf(passHeaders);
        if (raw != null && !raw.describes(body)) {
            raw = null;
        }
        if (reading != null && reading.body() != body) {
            reading = null;
        }
    }

    public ChatRequest(WireFormat format, ObjectNode body, String model, boolean stream, boolean clientWantsUsage,
                       Map<String, String> passHeaders, RawBody raw, BodyReading reading) {
        this(format, body, model, stream, clientWantsUsage, passHeaders, raw, reading, null);
    }

    public ChatRequest(WireFormat format, ObjectNode body, String model, boolean stream, boolean clientWantsUsage,
                       Map<String, String> passHeaders, RawBody raw) {
        this(format, body, model, stream, clientWantsUsage, passHeaders, raw, null);
    }

    public ChatRequest(WireFormat format, ObjectNode body, String model, boolean stream, boolean clientWantsUsage) {
        this(format, body, model, stream, clientWantsUsage, Map.of(), null);
    }

    public ChatRequest withPassHeaders(Map<String, String> headers) {
        return new ChatRequest(format, body, model, stream, clientWantsUsage, headers, raw, reading, promptCacheKey);
    }

    /** The same request in the conversation {@code key} names ({@link #promptCacheKey}); null for none. */
    public ChatRequest withPromptCacheKey(String key) {
        return new ChatRequest(format, body, model, stream, clientWantsUsage, passHeaders, raw, reading, key);
    }

    /** The same request with another body, sent re-serialised: the caller's bytes and their reading are dropped. */
    public ChatRequest withBody(ObjectNode newBody) {
        return new ChatRequest(format, newBody, model, stream, clientWantsUsage, passHeaders, null, null, promptCacheKey);
    }
}
