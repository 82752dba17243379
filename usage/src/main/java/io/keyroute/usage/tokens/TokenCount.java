package io.keyroute.usage.tokens;

/**
 * Prompt tokens and how they were counted.
 *
 * @param exact  true when the model's own tokenizer counted ({@code "tokenizer"}), false for an
 *               approximation
 * @param method the tokenizer's name ({@code o200k_base}) or the approximation's
 */
public record TokenCount(int tokens, boolean exact, String method) {

    /** {@code tokenizer} or {@code approximation}: the field the management API names the method under. */
    public String kind() {
        return exact ? "tokenizer" : "approximation";
    }
}
