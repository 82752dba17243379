package io.keyroute.api.wire;

import io.keyroute.api.canonical.Thinking;

/**
 * One table between OpenAI's reasoning efforts and Anthropic's / Gemini's thinking token budgets,
 * so every writer translates a {@link Thinking} the same way (docs/CODING_AGENTS.md shows it):
 *
 * <pre>
 * effort   none  minimal  low   medium  high   xhigh, max
 * budget   0     1024     2048  8192    24576  32768
 * </pre>
 *
 * A budget goes back to the smallest effort whose budget holds it: 1 to 2,048 {@code low} (not
 * {@code minimal}, which not every OpenAI reasoning model takes), 2,049 to 8,192 {@code medium},
 * above {@code high} (not {@code xhigh}, which few take); a budget of 0 is no reasoning. The same
 * table both ways, so an effort sent through a budget comes back as itself. (LiteLLM's thresholds,
 * {@code OpenAIGPT5Config._map_thinking_to_reasoning_effort} over its {@code constants.py}, are
 * lower: up to 128 {@code minimal}, 1,024 {@code low}, 2,048 {@code medium}, above {@code high};
 * they invert its own effort-to-budget table of 1,024 / 2,048 / 4,096. Claude Code's default
 * budget, 31,999, is {@code high} under both.) An effort this table does not
 * know (a newer one) and a {@link Thinking} with neither set (Anthropic's {@code adaptive} without
 * an effort) count as {@code medium}.
 */
public final class ThinkingBudgets {
    /** The smallest budget Anthropic accepts. */
    public static final int ANTHROPIC_MIN_BUDGET = 1024;
    private static final int MEDIUM = 8192;

    private ThinkingBudgets() {
    }

    /** The token budget {@code thinking} asks for; 0 when it asks for no reasoning. */
    public static int budget(Thinking thinking) {
        if (thinking.budgetTokens() != null) {
            return Math.max(0, thinking.budgetTokens());
        }
        if (thinking.effort() == null) {
            return MEDIUM;
        }
        return switch (thinking.effort()) {
            case "none" -> 0;
            case "minimal" -> 1024;
            case "low" -> 2048;
            case "high" -> 24576;
            case "xhigh", "max" -> 32768;
            default -> MEDIUM;
        };
    }

    /**
     * The OpenAI effort {@code thinking} asks for, as given or bucketed from its budget; null for a 0
     * budget (Anthropic's {@code disabled}: the provider's default, as not every model takes {@code none}).
     */
    public static String effort(Thinking thinking) {
        if (thinking.effort() != null) {
            return thinking.effort();
        }
        int budget = budget(thinking);
        if (budget == 0) {
            return null;
        }
        return budget <= 2048 ? "low" : budget <= MEDIUM ? "medium" : "high";
    }
}
