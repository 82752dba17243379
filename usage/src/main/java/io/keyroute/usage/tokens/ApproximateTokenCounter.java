package io.keyroute.usage.tokens;

/**
 * Families whose tokenizer Java cannot run offline (Anthropic publishes none; Gemini's needs its
 * SentencePiece model; Anthropic's and Gemini's count-tokens endpoints would call the provider,
 * which an estimate must not): the prompt counted as an o200k_base model would count it, and
 * labelled an approximation. A real BPE with a vocabulary of the same order as theirs follows code,
 * numbers and non-Latin scripts, which a characters-per-token rule miscounts several-fold (one CJK
 * character is about one token, not a quarter). No per-family factor is applied: none is published
 * that we could check, and a guessed one would only look precise.
 */
public final class ApproximateTokenCounter implements TokenCounter {
    private final TokenCounter proxy;

    public ApproximateTokenCounter(TokenCounter proxy) {
        this.proxy = proxy;
    }

    @Override
    public TokenCount count(Prompt prompt) {
        TokenCount counted = proxy.count(prompt);
        return new TokenCount(counted.tokens(), false, counted.method());
    }
}
