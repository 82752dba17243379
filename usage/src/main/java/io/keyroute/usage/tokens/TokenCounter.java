package io.keyroute.usage.tokens;

/**
 * Counts a prompt's tokens as one model family would. For estimates only: tokenizing costs
 * milliseconds for a long prompt, so the inference path never calls this (it bills the tokens the
 * provider reports).
 */
public interface TokenCounter {
    TokenCount count(Prompt prompt);
}
