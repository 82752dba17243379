package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thinking asked in one provider's terms and served by another, as each upstream receives it: an
 * Anthropic caller's {@code thinking} (a budget, {@code adaptive} with {@code output_config.effort},
 * {@code disabled}) as OpenAI's {@code reasoning_effort} for a model that reasons, and an OpenAI
 * caller's {@code reasoning_effort} as Anthropic's {@code thinking} budget. The whole body is compared.
 */
class ThinkingAcrossProvidersTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.inFrontOf(openai.baseUrl(), anthropic.baseUrl());
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openai.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What OpenAI received for an Anthropic caller's turn to {@code model} with {@code thinking}. */
    private String openAiGot(String model, String thinking) throws Exception {
        openai.enqueue(Reply.text("91 = 7 × 13."));
        HttpResponse<String> res = post("/messages", "{\"model\":\"" + model + "\",\"max_tokens\":32000,"
                + thinking + ",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return openai.lastRequest().bodyText();
    }

    @Test
    void anAnthropicCallersBudgetIsTheEffortThatHoldsItForAnOpenAiReasoningModel() throws Exception {
        assertThat(openAiGot("openai/gpt-5", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}"))
                .isEqualTo("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}],"
                        + "\"max_completion_tokens\":32000,\"reasoning_effort\":\"high\"}");
        assertThat(openAiGot("openai/o4-mini", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000}"))
                .isEqualTo("{\"model\":\"o4-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}],"
                        + "\"max_completion_tokens\":32000,\"reasoning_effort\":\"medium\"}");
    }

    @Test
    void adaptiveThinkingSendsItsEffortAndDisabledThinkingNone() throws Exception {
        assertThat(openAiGot("openai/o3", "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"low\"}"))
                .isEqualTo("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}],"
                        + "\"max_completion_tokens\":32000,\"reasoning_effort\":\"low\"}");
        assertThat(openAiGot("openai/o3", "\"thinking\":{\"type\":\"disabled\"}"))
                .isEqualTo("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}],"
                        + "\"max_completion_tokens\":32000}");
    }

    @Test
    void aModelThatDoesNotReasonIsSentNoEffort() throws Exception {
        assertThat(openAiGot("openai/gpt-4.1", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}"))
                .isEqualTo("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}],"
                        + "\"max_completion_tokens\":32000}");
    }

    @Test
    void anOpenAiCallersEffortIsAnAnthropicBudget() throws Exception {
        anthropic.enqueue(Reply.text("91 = 7 × 13."));

        HttpResponse<String> res = post("/chat/completions", "{\"model\":\"anthropic/claude-sonnet-4-5\","
                + "\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        // max_tokens: Keyroute's default of 4,096 for the answer plus the budget.
        assertThat(anthropic.lastRequest().bodyText()).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":6144,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Is 91 prime?\"}]}],"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
    }
}
