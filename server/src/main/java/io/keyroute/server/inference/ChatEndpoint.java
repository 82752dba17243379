package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.catalog.Target;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A chat API: {@code POST /v1/chat/completions} in OpenAI's shape or {@code POST /v1/messages} in
 * Anthropic's (one instance each). Any provider serves either, its adapter translating; the
 * answer is delivered whole or streamed as the caller asked.
 */
final class ChatEndpoint implements Endpoint<ChatRequest> {
    private final WireFormat format;
    private final Function<byte[], ChatRequest> reader;
    private final List<HeaderName> passHeaders;
    private final JsonDelivery json;
    private final StreamRelay stream;

    /**
     * @param reader      parses and checks a request body of {@code format}
     * @param passHeaders caller headers a provider of the same format receives (e.g. anthropic-beta)
     */
    ChatEndpoint(WireFormat format, Function<byte[], ChatRequest> reader, List<String> passHeaders, JsonDelivery json,
                 StreamRelay stream) {
        this.format = format;
        this.reader = reader;
        this.passHeaders = passHeaders.stream().map(HeaderNames::create).toList();
        this.json = json;
        this.stream = stream;
    }

    @Override
    public WireFormat format() {
        return format;
    }

    @Override
    public ChatRequest parse(Caller caller, Headers headers, byte[] body) {
        return reader.apply(body).withPassHeaders(passed(headers));
    }

    @Override
    public String model(ChatRequest request) {
        return request.model();
    }

    @Override
    public boolean streams(ChatRequest request) {
        return request.stream();
    }

    /** Read from the body as the caller sent it, OpenAI's or Anthropic's: its messages and tools. */
    @Override
    public ChatShape shape(ChatRequest request) {
        return ChatBodyShape.of(request.body());
    }

    @Override
    public ChatRequest chat(ChatRequest request) {
        return request;
    }

    @Override
    public ChatRequest withBody(ChatRequest request, ObjectNode body) {
        return request.withBody(body);
    }

    @Override
    public ChatRequest chatFor(ChatRequest request, Provider provider, Credential credential) {
        return request;
    }

    @Override
    public UpstreamRequest upstream(ChatRequest request, String promptCacheKey, Provider provider, Target target,
                                    Credential credential, URI baseUrl) {
        return provider.adapter().toUpstream(request.withPromptCacheKey(promptCacheKey), target.upstreamModel(),
                baseUrl, credential);
    }

    @Override
    public Outcome deliver(ChatRequest request, Attempt attempt, CallerSide caller, Completion completion) {
        return request.stream()
                ? stream.relay(request, attempt, caller, completion)
                : json.deliver(request, attempt, caller, completion);
    }

    /**
     * The pass-through headers as sent: one line as it was, several lines of a name joined with
     * commas (HTTP's meaning of repeated lines), so no beta of a second line is lost.
     */
    private Map<String, String> passed(Headers sent) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderName name : passHeaders) {
            List<String> values = sent.all(name, List::of);
            if (!values.isEmpty()) {
                headers.put(name.lowerCase(), String.join(",", values));
            }
        }
        return headers;
    }
}
