package io.keyroute.server.inference;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
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
import java.net.URI;

/**
 * OpenAI's Responses API, {@code POST /v1/responses}, stateless: a provider of OpenAI's own Responses
 * API gets the request as sent; every other provider gets it translated through the canonical model
 * (its adapter reads it as a chat in {@link WireFormat#OPENAI_RESPONSES}). What only OpenAI keeps or
 * runs ({@code previous_response_id}, built-in tools, files and state of its own) is refused for any
 * other provider with a 400 naming the field, never dropped.
 */
final class ResponsesEndpoint implements Endpoint<ResponsesRequest> {
    private final JsonDelivery json;
    private final StreamRelay stream;

    ResponsesEndpoint(JsonDelivery json, StreamRelay stream) {
        this.json = json;
        this.stream = stream;
    }

    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_RESPONSES;
    }

    @Override
    public ResponsesRequest parse(ServerRequest req, byte[] body) {
        return ResponsesRequestReader.read(body);
    }

    @Override
    public String model(ResponsesRequest request) {
        return request.model();
    }

    @Override
    public boolean streams(ResponsesRequest request) {
        return request.stream();
    }

    /** Read from the translation: a Responses body has {@code input} items, not a chat's messages. */
    @Override
    public ChatShape shape(ResponsesRequest request) {
        return CanonicalShape.of(request.canonical());
    }

    @Override
    public ChatRequest chat(ResponsesRequest request) {
        return request.chat();
    }

    @Override
    public UpstreamRequest upstream(ResponsesRequest request, Provider provider, Target target, Credential credential,
                                    URI baseUrl) {
        if (!provider.kind().capabilities().contains(ProviderCapability.OPENAI_RESPONSES_API)) {
            refuseWhatOnlyOpenAiServes(request, provider);
        }
        return provider.adapter().toUpstream(request.chat(), target.upstreamModel(), baseUrl, credential);
    }

    @Override
    public Outcome deliver(ResponsesRequest request, Attempt attempt, ServerResponse res, Completion completion) {
        return request.stream()
                ? stream.relay(request.chat(), attempt, res, completion)
                : json.deliver(request.chat(), attempt, res, completion);
    }

    private static void refuseWhatOnlyOpenAiServes(ResponsesRequest request, Provider provider) {
        String to = " for provider '" + provider.id() + "' (" + provider.kind().configName() + ")";
        if (request.previousResponseId() != null) {
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
