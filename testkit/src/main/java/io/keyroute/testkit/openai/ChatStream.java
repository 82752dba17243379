package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;

import java.util.ArrayList;
import java.util.List;

/** The SSE events of one streamed chat completion, in OpenAI's order. */
final class ChatStream {

    /** Tool-call arguments are streamed in slices of this many characters. */
    static final int ARGUMENT_SLICE = 8;

    private ChatStream() {
    }

    /**
     * role chunk, content (or tool-call) chunks, finish chunk, [usage chunk], {@code [DONE]}.
     * With {@code includeUsage} every chunk but the last carries {@code "usage":null}.
     */
    static List<byte[]> events(OpenAiWire.Envelope env, Reply reply, Usage usage, boolean includeUsage) {
        List<ObjectNode> deltas = new ArrayList<>();
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                ToolCall call = reply.toolCalls().get(i);
                deltas.add(OpenAiWire.toolCallStartDelta(call, i, i == 0));
                for (String slice : Wording.slices(call.arguments(), ARGUMENT_SLICE)) {
                    deltas.add(OpenAiWire.toolCallArgumentsDelta(i, slice));
                }
            }
        } else {
            deltas.add(OpenAiWire.firstDelta());
            for (String piece : reply.pieces()) {
                deltas.add(OpenAiWire.contentDelta(piece));
            }
        }
        List<byte[]> events = new ArrayList<>(deltas.size() + 3);
        for (ObjectNode delta : deltas) {
            events.add(OpenAiWire.event(OpenAiWire.chunk(env, delta, null, includeUsage)));
        }
        events.add(OpenAiWire.event(OpenAiWire.chunk(env, OpenAiWire.emptyDelta(),
                reply.effectiveFinishReason(), includeUsage)));
        if (includeUsage) {
            events.add(OpenAiWire.event(OpenAiWire.usageChunk(env, usage)));
        }
        events.add(OpenAiWire.DONE);
        return events;
    }
}
