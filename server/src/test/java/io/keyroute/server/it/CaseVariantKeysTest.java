package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A top-level key that differs from one Keyroute reads only in case would be read by a Go upstream
 * (case-insensitive keys) as the real one: refused with OpenAI's 400 before anything goes upstream.
 */
class CaseVariantKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/chat/completions | \"Model\":\"gpt-4o\"                 | Model",
        "/chat/completions | \"STREAM\":true                      | STREAM",
        "/chat/completions | \"N\":8                              | N",
        "/chat/completions | \"Max_Tokens\":100000                | Max_Tokens",
        "/chat/completions | \"max_to\u212Aens\":100000          | max_to\u212Aens",
        "/chat/completions | \"\u017Ftream\":true                | \u017Ftream",
        "/embeddings       | \"MODEL\":\"text-embedding-3-large\" | MODEL",
    })
    void aCaseVariantOfAKeyKeyrouteReadsIsRefusedAndNeverSent(String path, String variant, String key) throws Exception {
        try (var upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
             var keyroute = TestGateway.inFrontOf(upstream.baseUrl())) {
            String model = path.equals("/embeddings") ? "openai/text-embedding-3-small" : "openai/gpt-4o-mini";
            String rest = path.equals("/embeddings") ? "\"input\":\"hi\"" : MESSAGES;
            // Spliced (model first, single keys) and rewritten as a tree (a duplicate key) alike.
            for (String body : new String[] {
                "{\"model\":\"" + model + "\"," + variant + "," + rest + "}",
                "{" + variant + ",\"model\":\"" + model + "\"," + rest + ",\"user\":\"a\",\"user\":\"b\"}"}) {
                HttpResponse<String> response = keyroute.post(path, body);

                assertThat(response.statusCode()).as(body).isEqualTo(400);
                JsonNode error = JSON.readTree(response.body()).get("error");
                assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
                assertThat(error.get("param").asText()).isEqualTo(key);
                assertThat(error.get("message").asText()).contains("Unrecognized request argument supplied: " + key);
            }
            assertThat(upstream.requestCount()).isZero();
        }
    }

    @Test
    void otherKeysPassThroughWhateverTheirCase() throws Exception {
        try (var upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
             var keyroute = TestGateway.inFrontOf(upstream.baseUrl())) {
            HttpResponse<String> response = keyroute.post("/chat/completions",
                    "{\"model\":\"openai/gpt-4o-mini\"," + MESSAGES + ",\"Chat_Template\":\"x\",\"max_tokens\":5}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode sent = JSON.readTree(upstream.lastRequest().bodyText());
            assertThat(sent.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(sent.get("Chat_Template").asText()).isEqualTo("x");
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(5);
        }
    }
}
