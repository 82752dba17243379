package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.replies.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thinking asked in one provider's terms and served by another, as each upstream receives it: an
 * Anthropic caller's {@code thinking} (a budget, {@code adaptive} with {@code output_config.effort},
 * {@code disabled}) as OpenAI's {@code reasoning_effort} for a model that reasons, and an OpenAI
 * caller's {@code reasoning_effort} as Anthropic's {@code thinking} budget. The whole body is compared.
 */
class ThinkingAcrossProvidersTest {
    private final ThreeUpstreams up = new ThreeUpstreams();

    @AfterEach
    void stop() {
        up.close();
    }

    /** What OpenAI received for an Anthropic caller's turn to {@code model} with {@code thinking}. */
    private String openAiGot(String model, String thinking) throws Exception {
        up.openai.enqueue(Reply.text("91 = 7 × 13."));
        HttpResponse<String> res = up.keyroute.post("/messages", "{\"model\":\"" + model + "\",\"max_tokens\":32000,"
                + thinking + ",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return up.openai.lastRequest().bodyText();
    }

    /** The chat body OpenAI is sent for that turn: the caller's limit, and {@code effort} when not null. */
    private static String openAiBody(String model, String effort) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}],"
                + "\"max_completion_tokens\":32000" + (effort == null ? "" : ",\"reasoning_effort\":\"" + effort + "\"") + "}";
    }

    @Test
    void anAnthropicCallersBudgetIsTheEffortThatHoldsItForAnOpenAiReasoningModel() throws Exception {
        assertThat(openAiGot("openai/gpt-5", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}"))
                .isEqualTo(openAiBody("gpt-5", "high"));
        assertThat(openAiGot("openai/o4-mini", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000}"))
                .isEqualTo(openAiBody("o4-mini", "medium"));
    }

    @Test
    void adaptiveThinkingSendsItsEffortAndDisabledThinkingNone() throws Exception {
        assertThat(openAiGot("openai/o3", "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"low\"}"))
                .isEqualTo(openAiBody("o3", "low"));
        assertThat(openAiGot("openai/o3", "\"thinking\":{\"type\":\"disabled\"}")).isEqualTo(openAiBody("o3", null));
    }

    @Test
    void aModelThatDoesNotReasonIsSentNoEffort() throws Exception {
        assertThat(openAiGot("openai/gpt-4.1", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}"))
                .isEqualTo(openAiBody("gpt-4.1", null));
    }

    @Test
    void anOpenAiCallersEffortIsAnAnthropicBudget() throws Exception {
        up.anthropic.enqueue(Reply.text("91 = 7 × 13."));

        HttpResponse<String> res = up.keyroute.post("/chat/completions", "{\"model\":\"anthropic/claude-sonnet-4-5\","
                + "\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        // max_tokens: Keyroute's default of 4,096 for the answer plus the budget.
        assertThat(up.anthropic.lastRequest().bodyText()).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":6144,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Is 91 prime?\"}]}],"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
    }
}
