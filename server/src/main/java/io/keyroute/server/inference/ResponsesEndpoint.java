package io.keyroute.server.inference;

import io.helidon.http.Headers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.responses.ResponseIdReader;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.routing.complexity.CanonicalShape;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.providers.ChatResult;
import io.keyroute.server.auth.Caller;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.vault.responses.PassedThroughResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OpenAI's Responses API, {@code POST /v1/responses}: a provider of OpenAI's own Responses API gets
 * the request as sent (and keeps its state itself, Keyroute recording whose each response is and
 * holding continuations to that: {@link UpstreamKeptResponses}); every other provider gets it translated through
 * the canonical model (its adapter reads it as a chat in {@link WireFormat#OPENAI_RESPONSES}), and its
 * whole answer is kept in the vault unless {@code store} is false ({@link ResponseKeeper}). A translated
 * {@code previous_response_id} is served from the kept responses (without a vault it is refused).
 * What only OpenAI keeps or runs (built-in tools, files and state of its own) is refused for any other
 * provider with a 400 naming the field, never dropped.
 */
final class ResponsesEndpoint implements Endpoint<ResponsesEndpoint.Call> {
    private static final Set<String> ENDED = Set.of("response.completed", "response.incomplete");

    private final JsonDelivery json;
    private final StreamRelay stream;
    private final ResponseKeeper keeper;
    private final UpstreamKeptResponses upstreamKept;

    ResponsesEndpoint(JsonDelivery json, StreamRelay stream, ResponseKeeper keeper, UpstreamKeptResponses upstreamKept) {
        this.json = json;
        this.stream = stream;
        this.keeper = keeper;
        this.upstreamKept = upstreamKept;
    }

    /**
     * A Responses request and who sent it: whose its answer is, once kept. The conversation a
     * {@code previous_response_id} continues is read from the vault once, for every attempt.
     */
    static final class Call {
        private final ResponsesRequest request;
        private final Caller caller;
        private ResponsesRequest continued;
        private Optional<PassedThroughResponse> passedThroughPrevious;

        Call(ResponsesRequest request, Caller caller) {
            this.request = request;
            this.caller = caller;
        }

        ResponsesRequest request() {
            return request;
        }

        Caller caller() {
            return caller;
        }

        /** The request with the kept conversation it continues before its own input. */
        ResponsesRequest continued(ResponseKeeper keeper) {
            if (continued == null) {
                continued = keeper.continuation(request, caller);
            }
            return continued;
        }

        /** Keyroute's record of the upstream-kept response it continues, whoever's it is (read once). */
        Optional<PassedThroughResponse> passedThroughPrevious(UpstreamKeptResponses upstreamKept) {
            if (passedThroughPrevious == null) {
                passedThroughPrevious = upstreamKept.find(request.previousResponseId());
            }
            return passedThroughPrevious;
        }
    }

    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_RESPONSES;
    }

    @Override
    public Call parse(Caller caller, Headers headers, byte[] body) {
        return new Call(ResponsesRequestReader.read(body), caller);
    }

    /** OpenAI counts a body without {@code input}: its instructions and tools. */
    @Override
    public Call parseCount(Caller caller, Headers headers, byte[] body) {
        return new Call(ResponsesRequestReader.readCount(body), caller);
    }

    @Override
    public String model(Call call) {
        return call.request().model();
    }

    @Override
    public boolean streams(Call call) {
        return call.request().stream();
    }

    /**
     * Read from the translation: a Responses body has {@code input} items, not a chat's messages.
     * What only OpenAI serves goes with it, so routing passes over the targets that cannot serve it.
     */
    @Override
    public ChatShape shape(Call call) {
        return CanonicalShape.of(call.request().canonical(), call.request().onlyOpenAiServes());
    }

    @Override
    public String previousResponseId(Call call) {
        return call.request().previousResponseId();
    }

    @Override
    public ChatRequest chat(Call call) {
        return call.request().chat();
    }

    /**
     * Read again from the new body, so its translation for other providers says what it says (a token count's,
     * which may have no {@code input}, as a count).
     */
    @Override
    public Call withBody(Call call, ObjectNode body) {
        byte[] bytes = JsonFields.bytes(body);
        return new Call(body.has("input") ? ResponsesRequestReader.read(bytes) : ResponsesRequestReader.readCount(bytes),
                call.caller());
    }

    /** A continuation of a response OpenAI keeps goes with the key that made it. */
    @Override
    public Optional<String> pinnedCredential(Call call, Provider provider) {
        if (!passedThrough(provider) || call.request().previousResponseId() == null) {
            return Optional.empty();
        }
        return UpstreamKeptResponses.pin(call.passedThroughPrevious(upstreamKept), call.caller(), provider);
    }

    /**
     * As sent to OpenAI's own Responses API (a response it keeps continued only with the key that made
     * it); for any other provider, checked and continued from the kept chain.
     */
    @Override
    public ChatRequest chatFor(Call call, Provider provider, Credential credential) {
        ResponsesRequest request = call.request();
        if (passedThrough(provider)) {
            upstreamKept.check(request, call.passedThroughPrevious(upstreamKept), call.caller(), provider, credential);
        } else {
            refuseWhatOnlyOpenAiServes(request, provider, keeper.continues());
            if (request.previousResponseId() != null) {
                request = call.continued(keeper);
            }
        }
        return request.chat();
    }

    @Override
    public UpstreamRequest upstream(Call call, String promptCacheKey, Provider provider, Target target,
                                    Credential credential, URI baseUrl) {
        return provider.adapter().toUpstream(chatFor(call, provider, credential).withPromptCacheKey(promptCacheKey),
                target.upstreamModel(), baseUrl, credential);
    }

    /**
     * Delivers the answer; a translated one that reached its end is kept, when asked to be, just
     * before its end is sent (the JSON, or the stream's terminal event): what the caller sends next
     * (a GET, a {@code previous_response_id}) finds it. OpenAI keeps what it answers itself: its id
     * is recorded for the caller, from the whole answer or the stream's first event, before the
     * caller is sent it.
     */
    @Override
    public Outcome deliver(Call call, Attempt attempt, CallerSide caller, Completion completion) {
        ResponsesRequest request = call.request();
        if (passedThrough(attempt.provider()) && request.store()) {
            return request.stream() ? stream.relay(request.chat(), attempt, caller, completion, new FirstEvent(id ->
                    upstreamKept.record(id, call.caller(), attempt)))
                    : json.deliver(attempt, caller, completion, body -> {
                        ChatResult result = attempt.provider().adapter().fromUpstream(request.chat(), body);
                        ResponseIdReader.ofResponse(result.body()).ifPresent(id -> upstreamKept.record(id, call.caller(), attempt));
                        return result;
                    });
        }
        if (passedThrough(attempt.provider()) || !keeper.keeps(request)) {
            return request.stream()
                    ? stream.relay(request.chat(), attempt, caller, completion)
                    : json.deliver(request.chat(), attempt, caller, completion);
        }
        // Kept before the answer's end reaches the caller, so whatever it sends next finds it.
        if (request.stream()) {
            return stream.relay(request.chat(), attempt, caller, completion, event -> {
                if (ENDED.contains(event.event())) {
                    keeper.keep(request, call.caller(), attempt, event.data().getBytes(StandardCharsets.UTF_8));
                }
            });
        }
        return json.deliver(attempt, caller, completion, body -> {
            ChatResult result = attempt.provider().adapter().fromUpstream(request.chat(), body);
            keeper.keep(request, call.caller(), attempt, result.body());
            return result;
        });
    }

    /** Hands on the id of a stream's {@code response.created}, its first event; reads no other event. */
    private static final class FirstEvent implements Consumer<SseEvent> {
        private final Consumer<String> id;
        private boolean seen;

        FirstEvent(Consumer<String> id) {
            this.id = id;
        }

        @Override
        public void accept(SseEvent event) {
            if (!seen) { // OpenAI's first event is always response.created
                seen = true;
                ResponseIdReader.ofCreatedEvent(event.data()).ifPresent(id);
            }
        }
    }

    private static boolean passedThrough(Provider provider) {
        return provider.kind().capabilities().contains(ProviderCapability.OPENAI_RESPONSES_API);
    }

    /** @param continues whether Keyroute serves {@code previous_response_id} itself (with a vault) */
    private static void refuseWhatOnlyOpenAiServes(ResponsesRequest request, Provider provider, boolean continues) {
        String to = " for provider '" + provider.id() + "' (" + provider.kind().configName() + ")";
        if (request.previousResponseId() != null && !continues) {
            throw ClientError.badRequest("unsupported_parameter", "'previous_response_id' is not supported yet" + to
                    + ": send the whole conversation as input items.", "previous_response_id");
        }
        if (!request.builtInTools().isEmpty()) {
            throw ClientError.badRequest("unsupported_parameter", "Tool type '" + request.builtInTools().getFirst()
                    + "' is run by OpenAI's Responses API only, not supported" + to + ": offer function tools.", "tools");
        }
        if (!request.openAiOnly().isEmpty()) {
            String where = request.openAiOnly().getFirst();
            throw ClientError.badRequest("unsupported_parameter", "'" + where
                    + "' is served by OpenAI's Responses API only, not supported" + to + ".", paramOf(where));
        }
    }

    /** {@code "input[2].content[0] (input_file)"} names the param {@code input[2].content[0]}. */
    private static String paramOf(String where) {
        int space = where.indexOf(' ');
        return space < 0 ? where : where.substring(0, space);
    }
}
