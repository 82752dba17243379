package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.wire.ThinkingBudgets;

/**
 * A caller's {@link Thinking} → Gemini's {@code thinkingConfig}, with {@code includeThoughts} so the
 * caller sees the thought summaries as reasoning. Gemini 2.x takes a {@code thinkingBudget} (the
 * shared table's, at most 24,576, which every 2.5 model accepts); Gemini 3 and later a
 * {@code thinkingLevel} (the two both take both: a request with both is refused): {@code low} up to
 * the {@code low} effort's budget, {@code high} from the {@code high} effort's, and the model's own
 * default between, as the levels between differ by model. No reasoning ({@code none}, a 0 budget)
 * sends nothing: Gemini's Pro models cannot stop thinking.
 */
final class GeminiThinking {
    /** The largest budget every Gemini 2.5 model accepts (Flash's ceiling; Pro's is 32768). */
    static final int MAX_BUDGET = 24576;
    private static final int LOW = ThinkingBudgets.budget(Thinking.ofEffort("low"));
    private static final int HIGH = ThinkingBudgets.budget(Thinking.ofEffort("high"));

    private GeminiThinking() {
    }

    /** Adds {@code thinkingConfig} to {@code generationConfig} for {@code model}, when {@code thinking} asks for reasoning. */
    static void write(ObjectNode generationConfig, Thinking thinking, String model) {
        int budget = thinking == null ? 0 : ThinkingBudgets.budget(thinking);
        if (budget == 0) {
            return;
        }
        ObjectNode config = generationConfig.putObject("thinkingConfig");
        if (!takesLevels(model)) {
            config.put("thinkingBudget", Math.min(budget, MAX_BUDGET));
        } else if (budget <= LOW) {
            config.put("thinkingLevel", "low");
        } else if (budget >= HIGH) {
            config.put("thinkingLevel", "high");
        }
        config.put("includeThoughts", true);
    }

    /** Gemini 3 and later think in levels; 2.x (and 1.x, which does not think) in budgets. */
    private static boolean takesLevels(String model) {
        String name = model == null ? "" : model.startsWith("models/") ? model.substring("models/".length()) : model;
        return !(name.startsWith("gemini-1.") || name.startsWith("gemini-2."));
    }
}
