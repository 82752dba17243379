package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code function_call} item: its arguments stream as function_call_arguments.delta…, then
 * function_call_arguments.done repeats them whole. Shapes: {@link OutputItems}, and the spec's
 * ResponseFunctionCallArgumentsDelta/DoneEvent (openai-openapi openapi.yaml; openai-java 4.100.0
 * ResponseFunctionCallArgumentsDoneEvent).
 */
final class StreamedFunctionCall extends StreamedItem {
    private final String callId;
    private final String name;

    /** @param callId the id the caller's {@code function_call_output} answers with */
    StreamedFunctionCall(String id, int outputIndex, String callId, String name) {
        super(id, outputIndex);
        this.callId = callId;
        this.name = name;
    }

    @Override
    protected ObjectNode added() {
        return call("in_progress");
    }

    @Override
    protected ObjectNode delta(String delta) {
        return event("response.function_call_arguments.delta").put("delta", delta);
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        events.send(event("response.function_call_arguments.done").put("name", name).put("arguments", text.toString()));
    }

    @Override
    protected ObjectNode done(String status) {
        return call(status);
    }

    private ObjectNode call(String status) {
        return OutputItems.functionCall(id, status, callId, name, text.toString());
    }
}
