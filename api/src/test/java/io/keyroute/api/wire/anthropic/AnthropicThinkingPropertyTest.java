package io.keyroute.api.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.wire.JsonFields;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.WithNull;

/** Whatever a caller asks, the thinking Keyroute writes is one Anthropic accepts, within the caller's limit. */
class AnthropicThinkingPropertyTest {
    private static final Tool TOOL = new Tool("f", null, JsonFields.object().put("type", "object"));

    @Property
    void writtenThinkingIsAlwaysAcceptable(@ForAll("thinking") Thinking thinking,
                                           @ForAll @WithNull @IntRange(min = 1, max = 200_000) Integer maxTokens,
                                           @ForAll @WithNull Double temperature,
                                           @ForAll("choices") ToolChoice choice) {
        Params params = new Params(maxTokens, temperature, null, List.of(), null, null, null, null, thinking);
        ObjectNode body = AnthropicRequestWriter.write(new CanonicalRequest("m", List.of(Message.text(Role.USER, "q")),
                List.of(TOOL), choice, params, false, true), "m", 4096);

        int written = body.path("max_tokens").asInt();
        if (maxTokens != null) {
            assertThat(written).as("the caller's limit bounds what it pays").isEqualTo(maxTokens);
        }
        if (!body.has("thinking")) {
            return;
        }
        int budget = body.path("thinking").path("budget_tokens").asInt();
        assertThat(budget).isGreaterThanOrEqualTo(1024).isLessThan(written);
        assertThat(body.has("temperature")).isFalse();
        assertThat(choice == null || choice.mode() == ToolChoice.Mode.AUTO || choice.mode() == ToolChoice.Mode.NONE).isTrue();
        assertThat(budget).isLessThanOrEqualTo(Math.max(1024, thinking.budgetTokens() == null
                ? 32_768 : thinking.budgetTokens()));
    }

    @Provide
    Arbitrary<Thinking> thinking() {
        Arbitrary<Thinking> efforts = Arbitraries.of("none", "minimal", "low", "medium", "high", "xhigh", "other")
                .map(Thinking::ofEffort);
        Arbitrary<Thinking> budgets = Arbitraries.integers().between(0, 100_000).map(Thinking::ofBudget);
        return Arbitraries.oneOf(efforts, budgets, Arbitraries.just(new Thinking(null, null)));
    }

    @Provide
    Arbitrary<ToolChoice> choices() {
        return Arbitraries.of(ToolChoice.AUTO, ToolChoice.NONE, ToolChoice.ANY, ToolChoice.named("f")).injectNull(0.3);
    }
}
