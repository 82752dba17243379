package io.keyroute.server.inference;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.HeaderText;
import java.util.List;

/**
 * The OpenAI-compatible API under {@code /v1} (Chat Completions and Responses), and Anthropic's
 * Messages API at {@code /v1/messages}: every inference endpoint runs the one {@link InferenceFlow},
 * supplying only its {@link Endpoint}; the Responses and Messages token counts run the same endpoints
 * through the {@link TokenCountFlow}. The Responses API's WebSocket mode is {@link ResponsesSockets}
 * (an upgraded {@code GET /v1/responses}); a plain GET there is answered here.
 */
public final class InferenceService implements HttpService {
    private final Handler chat;
    private final Handler messages;
    private final Handler responses;
    private final Handler inputTokens;
    private final Handler countTokens;
    private final Handler embeddings;
    private final ModelsHandler models;
    private final StoredResponsesHandler stored;
    private final ResponsesSockets sockets;

    /**
     * @param counting     counts the prompts of the Responses and Messages endpoints' requests
     * @param keeper       keeps translated Responses answers (with a vault) that {@code stored} serves
     * @param upstreamKept records whose each response OpenAI keeps is, which {@code stored} serves too
     */
    public InferenceService(InferenceFlow flow, TokenCountFlow counting, JsonDelivery json, StreamRelay stream,
                            ModelsHandler models, ResponseKeeper keeper, UpstreamKeptResponses upstreamKept,
                            StoredResponsesHandler stored, ResponsesSockets sockets) {
        this.chat = flow.handler(new ChatEndpoint(WireFormat.OPENAI_CHAT, OpenAiChatRequestReader::read, List.of(),
                json, stream));
        var anthropic = new ChatEndpoint(WireFormat.ANTHROPIC_MESSAGES, AnthropicMessagesRequestReader::read,
                List.of("anthropic-beta"), json, stream);
        this.messages = flow.handler(anthropic);
        this.countTokens = counting.handler(anthropic, TokenCountAnswer.ANTHROPIC_MESSAGES);
        var openAiResponses = new ResponsesEndpoint(json, stream, keeper, upstreamKept);
        this.responses = flow.handler(openAiResponses);
        this.inputTokens = counting.handler(openAiResponses, TokenCountAnswer.OPENAI_RESPONSES);
        this.embeddings = flow.handler(new EmbeddingsEndpoint(json));
        this.models = models;
        this.stored = stored;
        this.sockets = sockets;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/chat/completions", chat)
                .post("/messages", messages)
                .post("/messages/count_tokens", countTokens)
                .post("/responses", responses)
                .get("/responses", sockets::plainGet)
                .post("/responses/input_tokens", inputTokens)
                .get("/responses/{id}", stored::get)
                .get("/responses/{id}/input_items", stored::inputItems)
                .delete("/responses/{id}", stored::delete)
                .post("/embeddings", embeddings)
                .get("/models", models::list)
                .get("/models/*", models::one)
                .any((req, res) -> ErrorResponses.send(res, WireFormat.OPENAI_CHAT, ClientError.notFound(
                        "Unknown endpoint " + req.prologue().method().text() + " " + HeaderText.safe(req.requestedUri().path().path()) + ".")));
    }
}
