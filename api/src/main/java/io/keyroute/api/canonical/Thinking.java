package io.keyroute.api.canonical;

/**
 * How hard the caller asked the model to think, in the caller's own terms: an OpenAI
 * {@code effort} ({@code minimal}, {@code low}, {@code medium}, {@code high}, …) or an Anthropic /
 * Gemini token {@code budgetTokens}; usually one of the two is set. Writers translate whichever is
 * set into their provider's control ({@code io.keyroute.api.wire.ThinkingBudgets}).
 */
public record Thinking(String effort, Integer budgetTokens) {

    public static Thinking ofEffort(String effort) {
        return new Thinking(effort, null);
    }

    public static Thinking ofBudget(int budgetTokens) {
        return new Thinking(null, budgetTokens);
    }
}
