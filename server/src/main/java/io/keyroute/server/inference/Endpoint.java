package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import io.helidon.http.Headers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.catalog.Target;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import java.net.URI;
import java.util.Optional;

/**
 * What one inference API supplies to the {@link InferenceFlow}: how to read its request, what
 * routing needs of it, the upstream call per attempt and how an answer reaches the caller. The
 * flow does the rest (limits, auth, routing, admission, failover, headers, accounting), the same
 * for every endpoint. A new API is a new implementation and one line in {@link InferenceService}, as
 * OpenAI's Responses API is: {@code responses = flow.handler(new ResponsesEndpoint(json, stream, keeper, upstreamKept))}, mounted
 * with {@code rules.post("/responses", responses)}.
 *
 * @param <R> the endpoint's request as read
 */
interface Endpoint<R> {
    /** The API shape of this endpoint's answers, its errors among them. */
    WireFormat format();

    /**
     * The request of {@code caller} (authenticated), read and checked; {@code headers} are those it sent.
     *
     * @throws io.keyroute.api.error.ClientError when the body is not a valid request of this API
     */
    R parse(Caller caller, Headers headers, byte[] body);

    /** A token count's request: what the API's count takes, which may be less than an answer needs. */
    default R parseCount(Caller caller, Headers headers, byte[] body) {
        return parse(caller, headers, body);
    }

    /** The model as the caller named it: a route, a catalog model, or a provider's own spelling. */
    String model(R request);

    boolean streams(R request);

    /** What complexity routing classifies (messages, tools); an empty shape when there is no chat. */
    ChatShape shape(R request);

    /** The stored response the request continues ({@code previous_response_id}), or null: what served it serves it. */
    default String previousResponseId(R request) {
        return null;
    }

    /** The request as a chat, whose body and headers bound its cost more tightly than its size; null when it is none. */
    ChatRequest chat(R request);

    /**
     * The request with {@code body} in place of its chat's (a guardrail's redacted copy, same API shape): sent
     * re-serialised, never the caller's bytes. Only asked of an endpoint whose {@link #chat} is not null.
     */
    default R withBody(R request, ObjectNode body) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no chat to replace");
    }

    /**
     * The one credential {@code provider} must be called with for this request (a conversation the
     * provider keeps lives with the key that made it), or empty for the caller's usual one.
     */
    default Optional<String> pinnedCredential(R request, Provider provider) {
        return Optional.empty();
    }

    /**
     * The request as {@code provider} is given it with {@code credential}, as a chat (what its count of
     * tokens counts too); null when it is none.
     *
     * @throws io.keyroute.api.error.ClientError when {@code provider} cannot serve what the request asks
     */
    ChatRequest chatFor(R request, Provider provider, Credential credential);

    /**
     * The provider's native request for one attempt on {@code target}.
     *
     * @param promptCacheKey the conversation's name for the provider's prompt cache ({@link ChatRequest#promptCacheKey}); null for none
     */
    UpstreamRequest upstream(R request, String promptCacheKey, Provider provider, Target target, Credential credential,
                             URI baseUrl);

    /**
     * Hands an attempt's successful answer to the caller and tells {@code completion} just before its
     * last byte; may fail the attempt (so the next one runs) only while nothing has reached the caller.
     */
    Outcome deliver(R request, Attempt attempt, CallerSide caller, Completion completion);
}
