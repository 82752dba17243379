package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiChatRequestReaderTest {
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static ChatRequest read(String json) {
        return OpenAiChatRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ClientError rejected(String json) {
        return catchThrowableOfType(ClientError.class, () -> read(json));
    }

    @Test
    void readsModelAndKeepsTheWholeBody() throws Exception {
        String json = "{\"model\":\"openai/gpt-4o-mini\"," + MESSAGES + ",\"x_vendor_field\":{\"a\":[1,2]}}";

        ChatRequest request = read(json);

        assertThat(request.format()).isEqualTo(WireFormat.OPENAI_CHAT);
        assertThat(request.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(request.stream()).isFalse();
        assertThat(request.clientWantsUsage()).isFalse();
        assertThat(request.body()).isEqualTo(Json.MAPPER.readTree(json));
    }

    @Test
    void streamAndIncludeUsageFlags() {
        assertThat(read("{\"model\":\"m\"," + MESSAGES + ",\"stream\":true}").stream()).isTrue();
        assertThat(read("{\"model\":\"m\"," + MESSAGES + ",\"stream\":false}").stream()).isFalse();
        assertThat(read("{\"model\":\"m\"," + MESSAGES + ",\"stream\":null}").stream()).isFalse();

        ChatRequest withUsage = read("{\"model\":\"m\"," + MESSAGES
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(withUsage.stream()).isTrue();
        assertThat(withUsage.clientWantsUsage()).isTrue();

        ChatRequest usageOff = read("{\"model\":\"m\"," + MESSAGES
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":false}}");
        assertThat(usageOff.clientWantsUsage()).isFalse();

        ChatRequest noOptions = read("{\"model\":\"m\"," + MESSAGES + ",\"stream\":true,\"stream_options\":{}}");
        assertThat(noOptions.clientWantsUsage()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "{}", "[true]"})
    void nonBooleanStreamIsRejected(String value) {
        ClientError e = rejected("{\"model\":\"m\"," + MESSAGES + ",\"stream\":" + value + "}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_type");
        assertThat(e.param()).contains("stream");
    }

    @Test
    void nonBooleanIncludeUsageIsRejected() {
        ClientError e = rejected("{\"model\":\"m\"," + MESSAGES
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"}}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_type");
        assertThat(e.param()).contains("stream_options.include_usage");
    }

    @Test
    void trailingTextAfterTheObjectIsRejected() {
        ClientError e = rejected("{\"model\":\"m\"," + MESSAGES + "} garbage");

        assertThat(e.code()).isEqualTo("invalid_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{" + MESSAGES + "}",
            "{\"model\":null," + MESSAGES + "}",
            "{\"model\":\"\"," + MESSAGES + "}",
            "{\"model\":\"   \"," + MESSAGES + "}",
            "{\"model\":42," + MESSAGES + "}",
    })
    void missingOrBadModelIsA400NamingTheParam(String json) {
        ClientError e = rejected(json);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("missing_required_parameter");
        assertThat(e.param()).contains("model");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"m\"}",
            "{\"model\":\"m\",\"messages\":[]}",
            "{\"model\":\"m\",\"messages\":\"hi\"}",
            "{\"model\":\"m\",\"messages\":null}",
    })
    void missingOrBadMessagesIsA400NamingTheParam(String json) {
        ClientError e = rejected(json);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("missing_required_parameter");
        assertThat(e.param()).contains("messages");
    }

    @Test
    void invalidJsonSaysWhereAndNeverQuotesTheBody() {
        String key = "sk-proj-SECRETSECRETSECRET1234567890";
        // the stray comma is the 16th character of line 3: `  "messages": [,]`
        String json = "{\"model\":\"m\",\n  \"api_key\":\"" + key + "\",\n  \"messages\": [,]\n}";

        ClientError e = rejected(json);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.param()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("The request body is not valid JSON at line 3, column 16.");
        assertThat(e.getMessage()).doesNotContain(key).doesNotContain("SECRET").doesNotContain("api_key");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void truncatedJsonWithAKeyInAStringIsNotQuoted() {
        String key = "sk-ant-api03-SECRETSECRETSECRET1234567890";
        ClientError e = rejected("{\"model\":\"m\",\"note\":\"" + key);

        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.getMessage()).startsWith("The request body is not valid JSON at line 1, column ")
                .doesNotContain("SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null", ""})
    void aBodyThatIsNotAnObjectIsInvalidJson(String json) {
        ClientError e = rejected(json);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_json");
    }
}
