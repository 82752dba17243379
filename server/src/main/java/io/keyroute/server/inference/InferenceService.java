package io.keyroute.server.inference;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.HeaderText;

/** The OpenAI-compatible API under {@code /v1}, and Anthropic's Messages API at {@code /v1/messages}. */
public final class InferenceService implements HttpService {
    private final ChatCompletionsHandler chat;
    private final ChatCompletionsHandler messages;
    private final EmbeddingsHandler embeddings;
    private final ModelsHandler models;

    public InferenceService(ChatCompletionsHandler chat, ChatCompletionsHandler messages, EmbeddingsHandler embeddings,
                     ModelsHandler models) {
        this.chat = chat;
        this.messages = messages;
        this.embeddings = embeddings;
        this.models = models;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/chat/completions", chat)
                .post("/messages", messages)
                .post("/embeddings", embeddings)
                .get("/models", models)
                .any((req, res) -> ErrorResponses.send(res, WireFormat.OPENAI_CHAT, ClientError.notFound(
                        "Unknown endpoint " + req.prologue().method().text() + " " + HeaderText.safe(req.requestedUri().path().path()) + ".")));
    }
}
