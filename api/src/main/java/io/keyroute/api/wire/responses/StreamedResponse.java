package io.keyroute.api.wire.responses;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.error.ErrorType;
import java.util.List;

/**
 * The {@code response} object a stream's lifecycle events carry, as it stands at each stage: the same object
 * {@link ResponsesResponseWriter} writes for a whole answer ({@link ResponseObject}), with the streamed items as its
 * output, written into the event itself. Shapes: the spec's Response and ResponseError (openai-openapi openapi.yaml;
 * openai-java 4.100.0 Response, ResponseError, whose code is one of the spec's enum).
 */
final class StreamedResponse {
    private final ResponseObject response;

    StreamedResponse(ResponsesRequest request, String id, long createdAt) {
        this.response = new ResponseObject(request, id, createdAt);
    }

    /** Before any output: in_progress, no output, no usage. */
    static ResponseObject.Stage inProgress(String model) {
        return ResponseObject.Stage.inProgress(model);
    }

    /** The whole answer: completed, or incomplete with the reason when the answer was cut. */
    static ResponseObject.Stage ended(String model, List<OutputItem> output, FinishReason reason, Usage usage) {
        String incomplete = ResponsesResponseWriter.incompleteReason(reason);
        return new ResponseObject.Stage(model, incomplete == null ? "completed" : "incomplete", incomplete, null,
                output, usage);
    }

    /** The provider failed mid-stream: failed, with the output so far and the error. */
    static ResponseObject.Stage failed(String model, List<OutputItem> output, Usage usage, ErrorType type,
                                       String message) {
        var error = new ResponseObject.Failure(type == ErrorType.RATE_LIMIT ? "rate_limit_exceeded" : "server_error",
                message);
        return new ResponseObject.Stage(model, "failed", null, error, output, usage);
    }

    /** The lifecycle event of {@code type} ({@code response.created}, …), its {@code response} the one at {@code stage}. */
    void send(String type, ResponseObject.Stage stage, SequencedEvents events) {
        events.send(type, g -> {
            g.writeFieldName("response");
            response.write(g, stage);
        });
    }
}
