package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.ServedBy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Responses OpenAI keeps (passed through), owned end to end: the openai-java SDK creates (whole and
 * streamed), retrieves, lists the input items of and deletes its own; another member of the same
 * workspace, whose requests use the same workspace key, can neither read, delete nor continue them
 * (404 / 400, nothing sent upstream); a continuation goes with the key that made the response; a
 * response never recorded (or a conversation) goes only with the caller's own key. The fake OpenAI
 * keeps each response in the organisation of the key that made it, as OpenAI does.
 */
class PassedThroughOwnershipTest {
    private static final String WORKSPACE_KEY = "sk-proj-" + "TeamTeamTeamTeamTeamTeamTeam0003";
    private static final String ADA_KEY = "sk-proj-" + "AdaAdaAdaAdaAdaAdaAdaAdaAda0001";
    private static final String ADA_NEW_KEY = "sk-proj-" + "AdaNewAdaNewAdaNewAdaNewAd0002";

    private static ResponseCreateParams.Builder ask(String text) {
        return ResponseCreateParams.builder().model("openai/gpt-4o-mini").input(text);
    }

    @Test
    void theOwnerRetrievesListsAndDeletesWhatOpenAiKeepsWholeAndStreamed() throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(WORKSPACE_KEY).start();
             var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl())) {
            Team t = Team.create(g).withOpenAiKey(g, WORKSPACE_KEY);
            OpenAIClient ada = StoredResponsesEndpointTest.sdk(g, t.adaKey());

            Response whole = ada.responses().create(ask("Hello there").build());
            String streamedId;
            try (StreamResponse<ResponseStreamEvent> events = ada.responses().createStreaming(ask("Stream it").build())) {
                streamedId = events.stream().filter(ResponseStreamEvent::isCompleted)
                        .map(e -> e.asCompleted().response().id()).findFirst().orElseThrow();
            }

            for (String id : new String[] {whole.id(), streamedId}) {
                Response read = ada.responses().retrieve(id);
                assertThat(read.id()).isEqualTo(id);
                assertThat(upstream.lastRequest().path()).isEqualTo("/v1/responses/" + id);
                assertThat(upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + WORKSPACE_KEY);
            }
            assertThat(ada.responses().retrieve(whole.id()).output().getFirst().message().orElseThrow().content()
                    .getFirst().outputText().orElseThrow().text()).isEqualTo("Echo: Hello there");
            var items = g.call("GET", "/v1/responses/" + whole.id() + "/input_items", t.adaKey(), null);
            assertThat(items.status()).as(items.body()).isEqualTo(200);
            assertThat(items.json().at("/data/0/content/0/text").asText()).isEqualTo("Hello there");
            assertThat(g.call("GET", "/v1/responses/" + whole.id() + "?stream=true", t.adaKey(), null).status())
                    .isEqualTo(400);
            assertThat(g.call("GET", "/v1/responses/" + whole.id() + "?x=1", t.adaKey(), null).status()).isEqualTo(400);

            ada.responses().delete(whole.id());

            assertThat(upstream.lastRequest().method()).isEqualTo("DELETE");
            assertThatThrownBy(() -> ada.responses().retrieve(whole.id())).isInstanceOf(NotFoundException.class);
            assertThat(g.vault.passedThroughResponses().find(whole.id())).isEmpty();
            assertThat(g.vault.passedThroughResponses().find(streamedId)).isPresent();
        }
    }

    @Test
    void anotherMemberOnTheSameWorkspaceKeyCannotReadDeleteOrContinueNorReachAnUnrecordedId() throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(WORKSPACE_KEY).start();
             var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl())) {
            Team t = Team.create(g).withOpenAiKey(g, WORKSPACE_KEY);
            OpenAIClient ada = StoredResponsesEndpointTest.sdk(g, t.adaKey());
            OpenAIClient bob = StoredResponsesEndpointTest.sdk(g, t.bobKey());
            Response mine = ada.responses().create(ask("My secret is 42.").build());
            // Made at OpenAI with the workspace key, but not through Keyroute: no one's, as far as Keyroute knows.
            String elsewhere = createDirectly(upstream, WORKSPACE_KEY);
            long sent = upstream.requestCount();

            assertThatThrownBy(() -> bob.responses().retrieve(mine.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> bob.responses().delete(mine.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> bob.responses().create(ask("What is the secret?").previousResponseId(mine.id()).build()))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.code()).contains("previous_response_not_found"));
            assertThatThrownBy(() -> bob.responses().retrieve(elsewhere)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> ada.responses().create(ask("Go on").previousResponseId(elsewhere).build()))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.code()).contains("previous_response_not_found"));
            var conversation = g.call("POST", "/v1/responses", t.bobKey(),
                    "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"conversation\":\"conv_123\"}");
            assertThat(conversation.status()).as(conversation.body()).isEqualTo(400);
            assertThat(conversation.json().at("/error/code").asText()).isEqualTo("conversation_not_found");

            assertThat(upstream.requestCount()).as("nothing sent upstream").isEqualTo(sent);
            assertThat(ada.responses().retrieve(mine.id()).id()).isEqualTo(mine.id());
            Response next = ada.responses().create(ask("What is my secret?").previousResponseId(mine.id()).build());
            assertThat(next.previousResponseId()).contains(mine.id());
        }
    }

    @Test
    void aContinuationGoesWithTheKeyThatMadeTheResponseAndAnUnrecordedOneOnlyWithTheCallersOwnKey() throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(ADA_KEY, ADA_NEW_KEY).start();
             var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl())) {
            Team t = Team.create(g);
            String mine = "/api/v1/users/me/llm-credentials";
            String first = g.call("POST", mine, t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + ADA_KEY + "\",\"name\":\"old\",\"is_default\":true}").text("id");
            OpenAIClient ada = StoredResponsesEndpointTest.sdk(g, t.adaKey());
            Response made = ada.responses().create(ask("Remember 7.").build());
            assertThat(g.vault.passedThroughResponses().servedBy(made.id(), new ResponseOwner(t.ws(), t.ada(), t.adaKeyId())))
                    .contains(new ServedBy("openai", "gpt-4o-mini", first));

            var second = g.call("POST", mine, t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + ADA_NEW_KEY + "\",\"name\":\"new\",\"is_default\":true}");
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            ada.responses().create(ask("Plain turn").build());
            assertThat(upstream.lastRequest().header("authorization")).as("the new default").isEqualTo("Bearer " + ADA_NEW_KEY);

            Response next = ada.responses().create(ask("What was it?").previousResponseId(made.id()).build());

            assertThat(next.previousResponseId()).contains(made.id());
            assertThat(upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + ADA_KEY);
            assertThat(ada.responses().retrieve(made.id()).id()).isEqualTo(made.id());
            assertThat(upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + ADA_KEY);

            // Never seen by Keyroute, made in her own account: her own key's organisation decides.
            String elsewhere = createDirectly(upstream, ADA_NEW_KEY);
            Response continued = ada.responses().create(ask("Go on").previousResponseId(elsewhere).build());
            assertThat(continued.previousResponseId()).contains(elsewhere);
        }
    }

    @Test
    void aContinuationOfAutoStaysOnTheModelOpenAiAnsweredItWith() throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(WORKSPACE_KEY).start();
             var g = new VaultGateway(TestServices.sqlite(), List.of(new ProviderSettings("openai", "openai",
                     upstream.baseUrl(), null, 5_000L, 2_000L, Map.of())),
                     List.of(new RouteSettings("auto", "complexity", List.of("openai/gpt-4o-mini", "openai/gpt-5"),
                             List.of(), Map.of())))) {
            Team t = Team.create(g).withOpenAiKey(g, WORKSPACE_KEY);
            String hard = "Prove the theorem step by step, derive each equation, analyze and compare. ".repeat(200);

            var opened = g.call("POST", "/v1/responses", t.adaKey(), auto(hard, null));
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(upstream.lastRequest().json().path("model").asText()).isEqualTo("gpt-5");

            var continued = g.call("POST", "/v1/responses", t.adaKey(), auto("Thanks!", opened.text("id")));

            assertThat(continued.status()).as(continued.body()).isEqualTo(200);
            assertThat(upstream.lastRequest().json().path("model").asText()).as("the model OpenAI keeps it with")
                    .isEqualTo("gpt-5");
            assertThat(g.call("POST", "/v1/responses", t.adaKey(), auto("Thanks!", null)).status()).isEqualTo(200);
            assertThat(upstream.lastRequest().json().path("model").asText()).as("the same turn alone")
                    .isEqualTo("gpt-4o-mini");
        }
    }

    private static String auto(String input, String previousResponseId) {
        var body = io.keyroute.api.Json.MAPPER.createObjectNode().put("model", "auto").put("input", input);
        if (previousResponseId != null) {
            body.put("previous_response_id", previousResponseId);
        }
        return body.toString();
    }

    @Test
    void storeFalseRecordsNothing() throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(WORKSPACE_KEY).start();
             var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl())) {
            Team t = Team.create(g).withOpenAiKey(g, WORKSPACE_KEY);
            OpenAIClient ada = StoredResponsesEndpointTest.sdk(g, t.adaKey());

            Response unstored = ada.responses().create(ask("Forget this").store(false).build());
            try (StreamResponse<ResponseStreamEvent> events = ada.responses().createStreaming(
                    ask("Forget this too").store(false).build())) {
                assertThat(events.stream().filter(ResponseStreamEvent::isCompleted).count()).isEqualTo(1);
            }
            long sent = upstream.requestCount();

            g.vault.passedThroughResponses().flush(); // what was queued is stored: a count of zero means none
            assertThat(g.vault.database().jdbc().queryOne("SELECT COUNT(*) FROM passed_through_responses",
                    rs -> rs.getLong(1)).orElseThrow()).isZero();
            assertThatThrownBy(() -> ada.responses().retrieve(unstored.id())).isInstanceOf(NotFoundException.class);
            assertThat(upstream.requestCount()).isEqualTo(sent);
        }
    }

    /** A response made at the fake OpenAI with {@code key}, not through Keyroute. */
    private static String createDirectly(FakeOpenAi upstream, String key) throws Exception {
        HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(upstream.baseUrl()
                        + "/responses")).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"input\":\"elsewhere\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        return io.keyroute.api.Json.MAPPER.readTree(made.body()).path("id").asText();
    }
}
