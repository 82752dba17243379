package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI chats of a chosen size, for the benchmarks whose cost grows with the prompt: a system prompt, then user
 * and assistant turns in turn, each up to 100 {@link #CLAUSE}s long, until the texts reach the size asked.
 */
final class SizedChats {
    /** One line of a pasted contract: the filler of long turns and long system prompts. */
    static final String CLAUSE = "Clause 14.2: the supplier shall deliver within thirty days of the order, or pay 1% a day. ";

    private SizedChats() {
    }

    /**
     * Adds {@code messages} to {@code chat} (its other fields the caller's).
     *
     * @param chars         the texts' length to reach, the system prompt's included
     * @param shortQuestion each turn's text when {@code chars} is below 1,000; null for clauses at every size
     * @param tail          appended to each turn (not counted): makes a chat that differs from another only there
     */
    static ObjectNode fill(ObjectNode chat, String system, int chars, String shortQuestion, String tail) {
        var messages = chat.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        int written = system.length();
        while (written < chars) {
            String text = chars < 1_000 && shortQuestion != null ? shortQuestion
                    : CLAUSE.repeat(Math.max(1, Math.min(100, (chars - written) / CLAUSE.length())));
            messages.addObject().put("role", messages.size() % 2 == 1 ? "user" : "assistant").put("content", text + tail);
            written += text.length();
        }
        return chat;
    }
}
