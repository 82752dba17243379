package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code custom_tool_call} item, the call of a freeform tool offered to the provider as a function
 * ({@link ClientTools}): the function's arguments are kept as they stream, and the input read from
 * them goes out as response.custom_tool_call_input.delta, then response.custom_tool_call_input.done
 * repeats it whole. Shapes: {@link OutputItems}, and the spec's ResponseCustomToolCallInputDelta/DoneEvent
 * (openai-openapi openapi.yaml; openai-java 4.100.0 ResponseCustomToolCallInputDeltaEvent).
 */
final class StreamedCustomToolCall extends StreamedItem {
    private final String callId;
    private final String name;

    /** @param callId the id the caller's {@code custom_tool_call_output} answers with */
    StreamedCustomToolCall(String id, int outputIndex, String callId, String name) {
        super(id, outputIndex);
        this.callId = callId;
        this.name = name;
    }

    @Override
    protected ObjectNode added() {
        return OutputItems.customToolCall(id, "in_progress", callId, name, "");
    }

    /** The arguments are JSON around the input: the input is known once they are whole. */
    @Override
    protected ObjectNode delta(String delta) {
        return null;
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        String input = input();
        if (!input.isEmpty()) {
            events.send(event("response.custom_tool_call_input.delta").put("delta", input));
        }
        events.send(event("response.custom_tool_call_input.done").put("input", input));
    }

    @Override
    protected ObjectNode done(String status) {
        return OutputItems.customToolCall(id, status, callId, name, input());
    }

    private String input() {
        return ClientTools.customInput(text.toString());
    }
}
