package io.keyroute.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.api.wire.openai.OpenAiEmbeddingsRequestReader;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The caller's bytes go upstream with only the model spliced in, or the tree when splicing is unsafe. */
class OpenAiPassThroughTest {
    private static final URI OPENAI = URI.create("https://api.openai.com/v1");
    private static final Credential KEY = new Credential("cred-1", Secret.of("sk-test-0123456789abcdef"));
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));

    private static ChatRequest request(String json) {
        return OpenAiChatRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private String sent(ChatRequest request, String model) {
        return new String(adapter.toUpstream(request, model, OPENAI, KEY).body(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheModelChangesAndEveryOtherByteIsTheCallers() {
        String json = """
                {
                  "messages" : [ {"role":"user","content":"caf\\u00e9 ☕ \\"quoted\\" 😀"} ],
                  "model"    :  "openai/fast",
                  "x_future" : {"n": 1.50000000000000000001, "e": 1E+2, "model": "nested"},
                  "temperature": 0.2
                }
                """;

        assertThat(sent(request(json), "gpt-4o-mini")).isEqualTo(json.replace("\"openai/fast\"", "\"gpt-4o-mini\""));
    }

    @Test
    void theModelIsQuotedByJackson() throws Exception {
        String model = "we\"ird\\model\u0001é";

        String body = sent(request("{\"model\":\"m\"," + MESSAGES + "}"), model);

        assertThat(body).isEqualTo("{\"model\":\"we\\\"ird\\\\model\\u0001é\"," + MESSAGES + "}");
        assertThat(Json.MAPPER.readTree(body).get("model").asText()).isEqualTo(model);
    }

    @Test
    void duplicateTopLevelKeysAreSentAsTheTreeWithTheRoutedModel() {
        String json = "{\"model\":\"cheap\",\"model\":\"dear\"," + MESSAGES + ",\"stream\":false,\"stream\":false}";

        String body = sent(request(json), "gpt-4o");

        assertThat(body).isEqualTo("{\"model\":\"gpt-4o\"," + MESSAGES + ",\"stream\":false}");
    }

    @Test
    void aStreamWithoutStreamOptionsGetsThemInsertedFirst() {
        String json = "{ \"model\":\"m\", " + MESSAGES + ", \"stream\":true }";

        assertThat(sent(request(json), "gpt-4o")).isEqualTo(
                "{\"stream_options\":{\"include_usage\":true}, \"model\":\"gpt-4o\", " + MESSAGES + ", \"stream\":true }");
    }

    @Test
    void aStreamWithOtherStreamOptionsIsRewrittenAsATree() throws Exception {
        String json = "{ \"model\":\"m\", " + MESSAGES + ", \"stream\":true, \"stream_options\": {\"x\": 1} }";

        String body = sent(request(json), "gpt-4o");

        assertThat(body).isEqualTo("{\"model\":\"gpt-4o\"," + MESSAGES
                + ",\"stream\":true,\"stream_options\":{\"x\":1,\"include_usage\":true}}");
    }

    @Test
    void aStreamThatAsksForUsageIsSplicedAsIs() {
        String json = "{ \"model\":\"m\", " + MESSAGES + ", \"stream\":true, \"stream_options\": {\"include_usage\": true} }";

        assertThat(sent(request(json), "gpt-4o")).isEqualTo(json.replace("\"m\"", "\"gpt-4o\""));
    }

    @Test
    void aRequestWithANewBodyIsSerialisedFromThatBody() {
        ChatRequest read = request("{ \"model\":\"m\", " + MESSAGES + " }");
        ObjectNode edited = read.body().deepCopy();
        edited.put("user", "u-1");

        assertThat(sent(read.withBody(edited), "gpt-4o"))
                .isEqualTo("{\"model\":\"gpt-4o\"," + MESSAGES + ",\"user\":\"u-1\"}");
    }

    @Test
    void embeddingsAreSplicedToo() {
        String json = "{ \"input\" : [\"a\", \"b\"], \"model\" : \"embed\", \"dimensions\": 256 }";

        byte[] body = adapter.toUpstreamEmbeddings(OpenAiEmbeddingsRequestReader.read(json.getBytes(StandardCharsets.UTF_8)),
                "text-embedding-3-small", OPENAI, KEY).body();

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(json.replace("\"embed\"", "\"text-embedding-3-small\""));
    }
}
