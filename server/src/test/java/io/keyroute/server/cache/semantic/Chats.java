package io.keyroute.server.cache.semantic;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import java.nio.charset.StandardCharsets;

/** Chat Completions requests for the semantic cache's tests. */
final class Chats {
    private Chats() {
    }

    static ChatRequest user(String text) {
        var body = Json.MAPPER.createObjectNode().put("model", "faq");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return read(body.toString());
    }

    static ChatRequest read(String json) {
        return OpenAiChatRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
