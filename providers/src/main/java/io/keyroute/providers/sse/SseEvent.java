package io.keyroute.providers.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event. {@code event} is null for data-only streams (OpenAI, Gemini); Anthropic
 * names every event.
 */
public record SseEvent(String event, String data) {

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /** The event as it goes on the wire, terminated by the blank line that ends it. */
    public byte[] toBytes() {
        var sb = new StringBuilder(data.length() + 32);
        if (event != null) {
            sb.append("event: ").append(event).append('\n');
        }
        int start = 0;
        for (int nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', start)) {
            sb.append("data: ").append(data, start, nl).append('\n');
            start = nl + 1;
        }
        sb.append("data: ").append(data, start, data.length()).append("\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
