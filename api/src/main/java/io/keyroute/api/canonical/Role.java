package io.keyroute.api.canonical;

/** Who speaks a turn. {@code TOOL} turns carry tool results (OpenAI's tool messages, Anthropic's tool_result blocks). */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL
}
