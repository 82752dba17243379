package io.keyroute.api.wire.responses;

/**
 * A {@code function_call} item: its arguments stream as function_call_arguments.delta…, then
 * function_call_arguments.done repeats them whole. Shapes: {@link OutputItem}, and the spec's
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
    protected OutputItem added() {
        return call("in_progress");
    }

    @Override
    protected void delta(String delta, SequencedEvents events) {
        send(events, "response.function_call_arguments.delta", g -> g.writeStringField("delta", delta));
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        String arguments = text.toString();
        send(events, "response.function_call_arguments.done", g -> {
            g.writeStringField("name", name);
            g.writeStringField("arguments", arguments);
        });
    }

    @Override
    protected OutputItem done(String status) {
        return call(status);
    }

    private OutputItem call(String status) {
        return new OutputItem.FunctionCall(id, status, callId, name, text.toString());
    }
}
