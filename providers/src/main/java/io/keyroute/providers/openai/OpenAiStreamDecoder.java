package io.keyroute.providers.openai;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.OpenAiChunkReader;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.sse.SseEvent;
import java.io.IOException;

/**
 * OpenAI chunks to an OpenAI caller: each event passes through as it came. Usage is read from
 * the final usage chunk, which Keyroute always asks for; when the caller did not ask for it, that
 * extra chunk (empty {@code choices}) is held back so the caller sees what it would have seen.
 * An {@code {"error":…}} chunk, relayed as it came, is the provider's word that the stream failed.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
    private static final String DONE = "[DONE]";

    private final boolean forwardUsageChunk;
    private boolean complete;
    private String reportedError;

    OpenAiStreamDecoder(ChatRequest request) {
        this.forwardUsageChunk = request.clientWantsUsage();
    }

    @Override
    public void onEvent(SseEvent event, StreamOutput out) {
        String data = event.data();
        if (DONE.equals(data)) {
            complete = true;
            out.event(event);
            return;
        }
        if (data.contains("\"error\"")) {
            readError(data);
        }
        if (OpenAiUsage.mayCarryUsage(data)) {
            Usage usage = readUsage(data);
            if (usage != null) {
                out.usage(usage);
                if (!forwardUsageChunk && hasNoChoices(data)) {
                    return;
                }
            }
        }
        out.event(event);
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public String reportedError() {
        return reportedError;
    }

    /** An error chunk is the provider's last word (no {@code [DONE]} follows it in the recorded stream). */
    private void readError(String data) {
        try {
            String error = OpenAiChunkReader.errorMessage(Json.MAPPER.readTree(data));
            if (error != null) {
                reportedError = error;
                complete = true;
            }
        } catch (IOException e) {
            // a malformed chunk is relayed as is; the caller's SDK reports it
        }
    }

    private static Usage readUsage(String data) {
        try {
            return OpenAiUsage.fromChunk(data);
        } catch (IOException e) {
            return null; // a malformed chunk is relayed as is; the caller's SDK reports it
        }
    }

    private static boolean hasNoChoices(String data) {
        int at = data.indexOf("\"choices\"");
        if (at < 0) {
            return true;
        }
        int open = data.indexOf('[', at);
        if (open < 0) {
            return false;
        }
        for (int i = open + 1; i < data.length(); i++) {
            if (!Character.isWhitespace(data.charAt(i))) {
                return data.charAt(i) == ']';
            }
        }
        return false;
    }
}
