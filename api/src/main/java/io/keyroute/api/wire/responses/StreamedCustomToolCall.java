package io.keyroute.api.wire.responses;

/**
 * A {@code custom_tool_call} item, the call of a freeform tool offered to the provider as a function
 * ({@link ClientTools}): the function's arguments are kept as they stream, and the input read from
 * them goes out as response.custom_tool_call_input.delta, then response.custom_tool_call_input.done
 * repeats it whole. Shapes: {@link OutputItem}, and the spec's ResponseCustomToolCallInputDelta/DoneEvent
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
    protected OutputItem added() {
        return new OutputItem.CustomToolCall(id, "in_progress", callId, name, "");
    }

    /** The arguments are JSON around the input: the input is known once they are whole, and sent then. */
    @Override
    protected void closeContent(SequencedEvents events) {
        String input = input();
        if (!input.isEmpty()) {
            send(events, "response.custom_tool_call_input.delta", g -> g.writeStringField("delta", input));
        }
        send(events, "response.custom_tool_call_input.done", g -> g.writeStringField("input", input));
    }

    @Override
    protected OutputItem done(String status) {
        return new OutputItem.CustomToolCall(id, status, callId, name, input());
    }

    private String input() {
        return ClientTools.customInput(text.toString());
    }
}
