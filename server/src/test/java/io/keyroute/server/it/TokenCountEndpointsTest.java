package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.MessageCountTokensParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.responses.inputtokens.InputTokenCountParams;
import io.keyroute.api.Json;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/messages/count_tokens} and {@code POST /v1/responses/input_tokens} over loopback, in
 * front of the three provider fakes: each provider's own count (Anthropic's {@code count_tokens}, Gemini's
 * {@code countTokens}, OpenAI's {@code input_tokens} for a Responses body) with the gateway's key for it,
 * through the official SDKs; Keyroute's tokenizer where the provider has no count for the body or its
 * count call fails; a refused key, a missing kr- key and a bad body in the caller's API shape; nothing
 * recorded as a request. The fakes count a token per four characters of the prompt's strings.
 */
class TokenCountEndpointsTest {
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    /** "Be brief." (9) + "user" (4) + "Hello there friend" (18): 31 characters, 8 tokens at the fakes. */
    private static final String ANTHROPIC_BODY = "{\"model\":\"" + HAIKU + "\",\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there friend\"}]}";
    /** o200k_base: "user" is 1 token, "Hello world" 2; 3 per message and 3 priming the reply: 9. */
    private static final String HELLO_WORLD = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello world\"}]";

    private final ThreeUpstreams up = new ThreeUpstreams();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        up.close();
    }

    @Test
    void anthropicCountsAnthropicModelsWithTheGatewaysKeyThroughTheAnthropicSdk() throws Exception {
        long tokens = up.keyroute.anthropicSdk().messages().countTokens(MessageCountTokensParams.builder()
                .model(HAIKU).system("Be brief.").addUserMessage("Hello there friend").build()).inputTokens();

        assertThat(tokens).isEqualTo(8);
        RecordedRequest sent = up.anthropic.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.header("x-api-key")).isEqualTo(TestGateway.ANTHROPIC_KEY);
        assertThat(sent.json().path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(sent.json().has("max_tokens")).as("the count endpoint refuses max_tokens").isFalse();

        HttpResponse<String> raw = up.keyroute.post("/messages/count_tokens", ANTHROPIC_BODY);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(raw.body())).isEqualTo(Json.MAPPER.readTree("{\"input_tokens\":8}"));
        assertThat(raw.headers().firstValue("x-keyroute-token-count")).hasValue("provider");
        assertThat(raw.headers().firstValue("x-keyroute-provider")).hasValue("anthropic");
        assertThat(raw.headers().firstValue("x-keyroute-credential")).hasValue("system:anthropic");
        assertThat(up.keyroute.records).as("a count is no request of the usage records").isEmpty();
    }

    @Test
    void openAiCountsAResponsesBodyPassedThroughTheOpenAiSdk() {
        var count = up.keyroute.sdk().responses().inputTokens().count(InputTokenCountParams.builder()
                .model("openai/gpt-4o-mini").instructions("Be brief.").input("Hello there friend").build());

        assertThat(count.inputTokens()).isEqualTo(7); // "Be brief." + "Hello there friend": 27 characters
        assertThat(count._object_().asString()).hasValue("response.input_tokens");
        RecordedRequest sent = up.openai.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses/input_tokens");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + TestGateway.UPSTREAM_KEY);
        assertThat(sent.json().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.json().path("input").asText()).isEqualTo("Hello there friend");
    }

    @Test
    void geminiCountsATranslatedResponsesBodyWithItsSystemInstruction() throws Exception {
        HttpResponse<String> answer = up.keyroute.post("/responses/input_tokens", "{\"model\":\"gemini/gemini-2.5-flash\","
                + "\"instructions\":\"Be brief.\",\"input\":\"Hello there friend\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode sent = up.gemini.lastRequest().json().path("generateContentRequest");
        assertThat(up.gemini.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(up.gemini.lastRequest().header("x-goog-api-key")).isEqualTo(TestGateway.GEMINI_KEY);
        assertThat(sent.path("model").asText()).isEqualTo("models/gemini-2.5-flash");
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/contents/0/parts/0/text").asText()).isEqualTo("Hello there friend");
        // "Be brief." (9) + "user" (4) + "Hello there friend" (18): 8 tokens at the fake
        assertThat(Json.MAPPER.readTree(answer.body())).isEqualTo(Json.MAPPER.readTree(
                "{\"object\":\"response.input_tokens\",\"input_tokens\":8}"));
        assertThat(answer.headers().firstValue("x-keyroute-token-count")).hasValue("provider");
    }

    @Test
    void anAnthropicBodyForAnOpenAiModelIsCountedByItsOwnTokenizer() throws Exception {
        HttpResponse<String> answer = up.keyroute.post("/messages/count_tokens",
                "{\"model\":\"openai/gpt-4o-mini\"," + HELLO_WORLD + "}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answer.body()).path("input_tokens").asLong()).isEqualTo(9);
        assertThat(answer.headers().firstValue("x-keyroute-token-count")).hasValue("tokenizer");
        assertThat(up.openai.requests()).as("OpenAI counts no chat body").isEmpty();
    }

    @Test
    void aFailedProviderCountIsAnsweredLocallyAndARefusedKeyIsTheCallersError() throws Exception {
        up.anthropic.enqueue(Reply.serverError());
        HttpResponse<String> local = up.keyroute.post("/messages/count_tokens", "{\"model\":\"" + HAIKU + "\","
                + HELLO_WORLD + "}");

        assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(local.body()).path("input_tokens").asLong()).isEqualTo(9);
        assertThat(local.headers().firstValue("x-keyroute-token-count")).hasValue("approximation");
        assertThat(up.anthropic.requests()).hasSize(1);

        up.anthropic.enqueue(Reply.error(401, "invalid x-api-key"));
        HttpResponse<String> refused = up.keyroute.post("/messages/count_tokens", ANTHROPIC_BODY);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
        JsonNode error = Json.MAPPER.readTree(refused.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/message").asText()).startsWith("anthropic returned 401: ");
        assertThat(refused.headers().firstValue("x-keyroute-credential")).hasValue("system:anthropic");
        assertThat(refused.body()).doesNotContain(TestGateway.ANTHROPIC_KEY);
    }

    @Test
    void withoutAKeyrouteKeyOrWithABadBodyEachApiAnswersInItsOwnShapeAndNothingGoesUpstream() throws Exception {
        HttpResponse<String> anthropic = unauthenticated("/v1/messages/count_tokens", ANTHROPIC_BODY);
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(Json.MAPPER.readTree(anthropic.body()).at("/error/type").asText()).isEqualTo("authentication_error");
        HttpResponse<String> openAi = unauthenticated("/v1/responses/input_tokens",
                "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\"}");
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(openAi.body()).has("type")).as("OpenAI's shape: only 'error'").isFalse();
        assertThat(Json.MAPPER.readTree(openAi.body()).at("/error/type").asText()).isEqualTo("authentication_error");

        HttpResponse<String> noMessages = up.keyroute.post("/messages/count_tokens", "{\"model\":\"" + HAIKU + "\"}");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(noMessages.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(Json.MAPPER.readTree(noMessages.body()).at("/error/message").asText()).contains("messages");
        HttpResponse<String> notJson = up.keyroute.post("/responses/input_tokens", "{\"model\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(notJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> unknownModel = up.keyroute.post("/responses/input_tokens",
                "{\"model\":\"nobody/nothing\",\"input\":\"hi\"}");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknownModel.body()).at("/error/param").asText()).isEqualTo("model");

        assertThat(up.anthropic.requests()).isEmpty();
        assertThat(up.openai.requests()).isEmpty();
        assertThat(up.gemini.requests()).isEmpty();
    }

    @Test
    void aResponsesCountWithoutInputCountsTheInstructionsAsOpenAisSpecAllows() throws Exception {
        HttpResponse<String> answer = up.keyroute.post("/responses/input_tokens",
                "{\"model\":\"openai/gpt-4o-mini\",\"instructions\":\"Be brief.\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(up.openai.lastRequest().bodyText()).isEqualTo("{\"model\":\"gpt-4o-mini\",\"instructions\":\"Be brief.\"}");
        // "Be brief.": 9 characters, 3 tokens at the fake
        assertThat(Json.MAPPER.readTree(answer.body())).isEqualTo(Json.MAPPER.readTree(
                "{\"object\":\"response.input_tokens\",\"input_tokens\":3}"));
        HttpResponse<String> created = up.keyroute.post("/responses",
                "{\"model\":\"openai/gpt-4o-mini\",\"instructions\":\"Be brief.\"}");
        assertThat(created.statusCode()).as("a response still needs its input").isEqualTo(400);
    }

    /** A PDF of {@code pages} pages, as its page tree and page objects spell them. */
    private static String pdf(int pages) {
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Pages /Count " + pages + " >> endobj\n");
        for (int i = 0; i < pages; i++) {
            pdf.append(i + 2).append(" 0 obj << /Type /Page /Parent 1 0 R >> endobj\n");
        }
        return Base64.getEncoder().encodeToString(pdf.append("%%EOF\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String withDocument(String model, String source) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":" + source + "},{\"type\":\"text\",\"text\":\"Hello world\"}]}]}";
    }

    @Test
    void aPdfCountedLocallyIsItsPagesAtTheProvidersPerPageCost() throws Exception {
        String threePages = "{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"" + pdf(3) + "\"}";

        HttpResponse<String> openAi = up.keyroute.post("/messages/count_tokens", withDocument("openai/gpt-4o-mini", threePages));
        up.gemini.enqueue(Reply.serverError());
        HttpResponse<String> gemini = up.keyroute.post("/messages/count_tokens",
                withDocument("gemini/gemini-2.5-flash", threePages));

        // "Hello world" as HELLO_WORLD counts it (9), and 3 pages at OpenAI's 53,000 a page, Gemini's 560
        assertThat(Json.MAPPER.readTree(openAi.body()).path("input_tokens").asLong()).isEqualTo(9 + 3 * 53_000);
        assertThat(openAi.headers().firstValue("x-keyroute-token-count")).hasValue("tokenizer");
        assertThat(Json.MAPPER.readTree(gemini.body()).path("input_tokens").asLong()).isEqualTo(9 + 3 * 560);
        assertThat(gemini.headers().firstValue("x-keyroute-token-count")).hasValue("approximation");
    }

    @Test
    void aTextDocumentCountedLocallyIsItsText() throws Exception {
        HttpResponse<String> answer = up.keyroute.post("/messages/count_tokens", withDocument("openai/gpt-4o-mini",
                "{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"Hello world\"}"));

        // 9 as above, and the document's "Hello world": 2 more
        assertThat(Json.MAPPER.readTree(answer.body()).path("input_tokens").asLong()).isEqualTo(11);
    }

    private HttpResponse<String> unauthenticated(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + up.keyroute.gateway.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
