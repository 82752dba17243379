package io.keyroute.api;

/** The API shapes Keyroute reads requests in and writes responses in. */
public enum WireFormat {
    OPENAI_CHAT,
    ANTHROPIC_MESSAGES,
    /** OpenAI's Responses API ({@code POST /v1/responses}); its errors are OpenAI's error JSON. */
    OPENAI_RESPONSES
}
