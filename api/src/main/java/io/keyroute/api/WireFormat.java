package io.keyroute.api;

/** The API shapes Keyroute reads requests in and writes responses in. */
public enum WireFormat {
    OPENAI_CHAT,
    ANTHROPIC_MESSAGES
}
