package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which JSON the request readers take: any string length within the body limit; a meant limit is named. */
class JsonParserLimitsTest {
    /** Longer than Jackson's default of 20,000,000 characters; 25 MB of base64 is a 19 MB PDF. */
    private static final int LONG = 25_000_000;

    private static byte[] chatWithDocumentOf(int chars) {
        String data = "A".repeat(chars);
        return ("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64," + data + "\"}}]}]}").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aStringLongerThanJacksonsDefaultIsReadWhole() {
        ChatRequest chat = OpenAiChatRequestReader.read(chatWithDocumentOf(LONG));

        String url = chat.body().at("/messages/0/content/0/image_url/url").asText();
        assertThat(url).hasSize("data:image/png;base64,".length() + LONG).endsWith("AAAA");
        assertThat(chat.raw()).isNotNull(); // still passed through as the caller's bytes
    }

    @Test
    void anAnthropicDocumentLongerThanJacksonsDefaultIsReadWhole() {
        String body = "{\"model\":\"anthropic/claude-haiku-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                + "\"data\":\"" + "J".repeat(LONG) + "\"}}]}]}";

        ChatRequest chat = AnthropicMessagesRequestReader.read(body.getBytes(StandardCharsets.US_ASCII));

        assertThat(chat.body().at("/messages/0/content/0/source/data").asText()).hasSize(LONG);
    }

    @Test
    void nestingBeyondTheParsersDepthIsA400NamingTheLimit() {
        String deep = "[".repeat(1_001) + "]".repeat(1_001);
        byte[] body = ("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x\":"
                + deep + "}").getBytes(StandardCharsets.US_ASCII);

        ClientError error = catchThrowableOfType(ClientError.class, () -> OpenAiChatRequestReader.read(body));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("json_limit_exceeded");
        assertThat(error.getMessage()).startsWith("The request body nests deeper than 1000 levels");
    }

    @Test
    void aNumberBeyondTheParsersLengthIsA400NamingTheLimit() {
        byte[] body = ("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":"
                + "9".repeat(1_001) + "}").getBytes(StandardCharsets.US_ASCII);

        ClientError error = catchThrowableOfType(ClientError.class, () -> OpenAiChatRequestReader.read(body));

        assertThat(error.code()).isEqualTo("json_limit_exceeded");
        assertThat(error.getMessage()).startsWith("The request body has a number longer than 1000 characters");
    }
}
