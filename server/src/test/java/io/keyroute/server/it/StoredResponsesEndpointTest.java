package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.responses.NewStoredResponse;
import io.keyroute.vault.responses.ResponseItems;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.ServedBy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}} over the vault's stored responses: the owner reads
 * and deletes its own; an unknown id, a deleted one, another user's, and any id without a vault are 404
 * in OpenAI's error shape. Translated answers (openai-java against FakeAnthropic) are kept, whole and
 * streamed, unless the request's {@code store} is false; a {@code previous_response_id} sends the kept
 * conversation upstream before the new input, for its owner only.
 */
class StoredResponsesEndpointTest {
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    private static final String BODY = "{\"id\":\"resp_kept1\",\"object\":\"response\",\"status\":\"completed\","
            + "\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]}]}";

    @Test
    void theOwnerReadsAndDeletesItsResponseAndNoOneElseSeesIt() throws Exception {
        try (var g = new VaultGateway(TestServices.sqlite(), "http://127.0.0.1:9")) {
            Team t = Team.create(g);
            g.vault.responses().save(new NewStoredResponse("resp_kept1", new ResponseOwner(t.ws(), t.ada(), t.adaKeyId()),
                    null, new ServedBy("anthropic", "claude-haiku-4-5", null),
                    new ResponseItems(List.of("{\"role\":\"user\",\"content\":\"Hello\"}"), List.of()), BODY),
                    Duration.ofDays(30));

            Response read = g.call("GET", "/v1/responses/resp_kept1", t.adaKey(), null);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(Json.MAPPER.readTree(BODY));
            assertThat(read.text("id")).isEqualTo("resp_kept1");
            assertThat(read.json().at("/output/0/content/0/text").asText()).isEqualTo("Hi");

            assertNotFound(g.call("GET", "/v1/responses/resp_kept1", t.bobKey(), null), "resp_kept1");
            assertNotFound(g.call("DELETE", "/v1/responses/resp_kept1", t.bobKey(), null), "resp_kept1");
            assertNotFound(g.call("GET", "/v1/responses/resp_unknown", t.adaKey(), null), "resp_unknown");
            assertThat(g.call("GET", "/v1/responses/resp_kept1", null, null).status()).isEqualTo(401);

            Response deleted = g.call("DELETE", "/v1/responses/resp_kept1", t.adaKey(), null);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            assertThat(deleted.json()).isEqualTo(Json.MAPPER.readTree("{\"id\":\"resp_kept1\",\"object\":\"response\",\"deleted\":true}"));
            assertNotFound(g.call("GET", "/v1/responses/resp_kept1", t.adaKey(), null), "resp_kept1");
            assertNotFound(g.call("DELETE", "/v1/responses/resp_kept1", t.adaKey(), null), "resp_kept1");
        }
    }

    /**
     * Two kept turns of ~40 KB each pass the 64 KiB a continuation carries: refused unless the caller
     * allows truncation, then the older turn is left out and the response says {@code truncation: auto}.
     */
    @Test
    void aConversationPastTheBoundIsCutOnlyWithTruncationAuto() throws Exception {
        try (var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = withAnthropic(anthropic)) {
            Team t = Team.create(g);
            ResponseOwner ada = new ResponseOwner(t.ws(), t.ada(), t.adaKeyId());
            ServedBy by = new ServedBy("anthropic", "claude-haiku-4-5", null);
            g.vault.responses().save(new NewStoredResponse("resp_old", ada, null, by, new ResponseItems(
                    List.of("{\"role\":\"user\",\"content\":\"" + "a".repeat(40_000) + "\"}"), List.of()), BODY),
                    Duration.ofDays(30));
            g.vault.responses().save(new NewStoredResponse("resp_new", ada, "resp_old", by, new ResponseItems(
                    List.of("{\"role\":\"user\",\"content\":\"" + "b".repeat(40_000) + "\"}"), List.of()), BODY),
                    Duration.ofDays(30));
            String next = "{\"model\":\"" + HAIKU + "\",\"previous_response_id\":\"resp_new\",\"input\":\"Go on\"";

            Response refused = g.call("POST", "/v1/responses", t.adaKey(), next + "}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("conversation_too_long");
            assertThat(refused.json().at("/error/param").asText()).isEqualTo("truncation");
            assertThat(anthropic.requests()).isEmpty();

            anthropic.enqueue(Reply.text("Going on").usage(10, 2, 0, 0));
            Response cut = g.call("POST", "/v1/responses", t.adaKey(), next + ",\"truncation\":\"auto\"}");
            assertThat(cut.status()).as(cut.body()).isEqualTo(200);
            assertThat(cut.text("truncation")).isEqualTo("auto");
            String sent = anthropic.lastRequest().bodyText();
            assertThat(sent).contains("b".repeat(40_000), "Go on").doesNotContain("a".repeat(1_000));
        }
    }

    @Test
    void withoutAVaultEveryIdIsNotFound() throws Exception {
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("local", "mock", null, null, null, null, Map.of())), List.of(), List.of(),
                new RetrySettings(1, 1L, 5L), null, null);
        try (var keyroute = TestGateway.with(config, Caller.unrestricted("key_test", "user_test"))) {
            for (String method : List.of("GET", "DELETE")) {
                HttpResponse<String> answer = keyroute.call(method, "/v1/responses/resp_any", null);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
                assertThat(Json.MAPPER.readTree(answer.body()).at("/error/type").asText())
                        .isEqualTo("invalid_request_error");
            }
        }
    }

    @Test
    void translatedAnswersAreKeptForTheirOwnerWholeAndStreamedUnlessStoreIsFalse() throws Exception {
        try (var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = withAnthropic(anthropic)) {
            Team t = Team.create(g);
            OpenAIClient ada = sdk(g, t.adaKey());
            anthropic.enqueue(Reply.text("Hello back").usage(10, 2, 0, 0), Reply.text("Not kept").usage(10, 2, 0, 0),
                    Reply.text("Streamed back").usage(10, 2, 0, 0));

            com.openai.models.responses.Response whole = ada.responses().create(ask("Hello there").build());
            Response kept = read(g, whole.id(), t.adaKey());
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);
            assertThat(kept.text("status")).isEqualTo("completed");
            assertThat(kept.json().at("/output/0/content/0/text").asText()).isEqualTo("Hello back");
            assertThat(g.vault.responses().find(whole.id(), new ResponseOwner(t.ws(), t.ada(), t.adaKeyId())).orElseThrow()
                    .items().all()).satisfiesExactly(
                            input -> assertThat(Json.MAPPER.readTree(input).path("content").asText()).isEqualTo("Hello there"),
                            output -> assertThat(Json.MAPPER.readTree(output).path("type").asText()).isEqualTo("message"));
            assertNotFound(g.call("GET", "/v1/responses/" + whole.id(), t.bobKey(), null), whole.id());

            com.openai.models.responses.Response unstored = ada.responses().create(ask("Forget this").store(false).build());
            String streamedId;
            try (StreamResponse<ResponseStreamEvent> events = ada.responses().createStreaming(ask("Stream it").build())) {
                streamedId = events.stream().filter(ResponseStreamEvent::isCompleted)
                        .map(e -> e.asCompleted().response().id()).findFirst().orElseThrow();
            }
            Response streamed = read(g, streamedId, t.adaKey());
            assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
            assertThat(streamed.json().at("/output/0/content/0/text").asText()).isEqualTo("Streamed back");
            assertNotFound(g.call("GET", "/v1/responses/" + unstored.id(), t.adaKey(), null), unstored.id());
            g.vault.responses().flush();
            assertThat(g.vault.database().jdbc().queryOne("SELECT COUNT(*) FROM stored_responses", rs -> rs.getLong(1))
                    .orElseThrow()).isEqualTo(2);
        }
    }

    @Test
    void aSecondTurnCarriesTheFirstUpstreamAndOnlyItsOwnerMayContinueReadOrDeleteIt() throws Exception {
        try (var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = withAnthropic(anthropic)) {
            Team t = Team.create(g);
            OpenAIClient ada = sdk(g, t.adaKey());
            anthropic.enqueue(Reply.text("Paris.").usage(10, 2, 0, 0), Reply.text("About 2 million.").usage(20, 4, 0, 0));

            com.openai.models.responses.Response first = ada.responses().create(ask("Capital of France?").build());
            assertThat(read(g, first.id(), t.adaKey()).status()).isEqualTo(200);
            com.openai.models.responses.Response second = ada.responses().create(ask("How many live there?")
                    .previousResponseId(first.id()).build());

            assertThat(second.previousResponseId()).contains(first.id());
            JsonNode sent = Json.MAPPER.readTree(anthropic.lastRequest().bodyText());
            assertThat(sent.path("system").toString()).contains("Be brief.");
            assertThat(sent.path("messages")).hasSize(3);
            assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
            assertThat(sent.at("/messages/0").toString()).contains("Capital of France?");
            assertThat(sent.at("/messages/1/role").asText()).isEqualTo("assistant");
            assertThat(sent.at("/messages/1").toString()).contains("Paris.");
            assertThat(sent.at("/messages/2").toString()).contains("How many live there?");

            Response kept = read(g, second.id(), t.adaKey());
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);
            assertThat(kept.text("previous_response_id")).isEqualTo(first.id());
            assertThat(kept.json().at("/output/0/content/0/text").asText()).isEqualTo("About 2 million.");

            assertNotFound(g.call("GET", "/v1/responses/" + second.id(), t.bobKey(), null), second.id());
            assertNotFound(g.call("DELETE", "/v1/responses/" + second.id(), t.bobKey(), null), second.id());
            assertThatThrownBy(() -> sdk(g, t.bobKey()).responses().create(ask("And Lyon?").previousResponseId(second.id())
                    .build())).isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.code()).contains("previous_response_not_found");
                        assertThat(e.param()).contains("previous_response_id");
                        assertThat(e.getMessage()).contains("Previous response with id '" + second.id() + "' not found.");
                    });
            assertThat(anthropic.requests()).as("refused before any upstream call").hasSize(2);

            assertThat(g.call("DELETE", "/v1/responses/" + second.id(), t.adaKey(), null).status()).isEqualTo(200);
            assertNotFound(g.call("GET", "/v1/responses/" + second.id(), t.adaKey(), null), second.id());
            assertThatThrownBy(() -> ada.responses().create(ask("And Lyon?").previousResponseId(second.id()).build()))
                    .isInstanceOf(BadRequestException.class);
        }
    }

    /**
     * The caller's next request, sent the moment the answer's last byte arrives (the SDK returns on
     * it), finds the answer kept: GET, continuing it, and a DELETE, whole and streamed, many times.
     */
    @Test
    void eachAnswerIsFoundByTheRequestsSentTheMomentItsLastByteArrives() throws Exception {
        try (var anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
             var g = withAnthropic(anthropic)) {
            Team t = Team.create(g);
            OpenAIClient ada = sdk(g, t.adaKey());
            String previous = null;
            for (int turn = 0; turn < 20; turn++) {
                anthropic.enqueue(Reply.text("Turn " + turn).usage(10, 2, 0, 0));
                ResponseCreateParams.Builder next = ask("Turn " + turn + "?");
                if (previous != null) {
                    next.previousResponseId(previous); // refused with 400 previous_response_not_found were it not kept
                }
                String id;
                if (turn % 2 == 0) {
                    id = ada.responses().create(next.build()).id();
                } else {
                    try (StreamResponse<ResponseStreamEvent> events = ada.responses().createStreaming(next.build())) {
                        id = events.stream().filter(ResponseStreamEvent::isCompleted)
                                .map(e -> e.asCompleted().response().id()).findFirst().orElseThrow();
                    }
                }
                Response kept = read(g, id, t.adaKey());
                assertThat(kept.status()).as("turn %d: %s", turn, kept.body()).isEqualTo(200);
                assertThat(kept.json().at("/output/0/content/0/text").asText()).isEqualTo("Turn " + turn);
                assertNotFound(read(g, id, t.bobKey()), id);
                previous = id;
            }
            assertThat(anthropic.lastRequest().bodyText()).contains("Turn 0?", "Turn 18", "Turn 19?");
            assertThat(g.call("DELETE", "/v1/responses/" + previous, t.adaKey(), null).status()).isEqualTo(200);
        }
    }

    /** A gateway with a vault (SQLite) over {@code anthropic}. */
    private static VaultGateway withAnthropic(FakeAnthropic anthropic) throws IOException {
        return new VaultGateway(TestServices.sqlite(), List.of(new ProviderSettings("anthropic", "anthropic",
                anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY, 5_000L, 2_000L, Map.of())));
    }

    static OpenAIClient sdk(VaultGateway g, String key) {
        return OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + g.gateway.port() + "/v1").apiKey(key)
                .maxRetries(0).build();
    }

    static ResponseCreateParams.Builder ask(String text) {
        return ResponseCreateParams.builder().model(HAIKU).instructions("Be brief.").input(text).maxOutputTokens(100);
    }

    /** A response is kept before its last byte is sent: read at once, no retry. */
    static Response read(VaultGateway g, String id, String key) {
        return g.call("GET", "/v1/responses/" + id, key, null);
    }

    private static void assertNotFound(Response answer, String id) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(answer.json().at("/error/message").asText()).isEqualTo("Response with id '" + id + "' not found.");
    }
}
