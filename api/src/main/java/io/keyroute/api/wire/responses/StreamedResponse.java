package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.wire.JsonFields;

/**
 * The {@code response} object a stream's lifecycle events carry, as it stands at each stage, as raw JSON for the
 * event: the same object {@link ResponsesResponseWriter} writes for a whole answer ({@link ResponseObject}), with the
 * streamed items as its output. Shapes: the spec's Response and ResponseError (openai-openapi openapi.yaml;
 * openai-java 4.100.0 Response, ResponseError, whose code is one of the spec's enum).
 */
final class StreamedResponse {
    private final ResponseObject response;

    StreamedResponse(ResponsesRequest request, String id, long createdAt) {
        this.response = new ResponseObject(request, id, createdAt);
    }

    /** Before any output: in_progress, no output, no usage. */
    RawValue inProgress(String model) {
        return response.raw(ResponseObject.Stage.inProgress(model));
    }

    /** The whole answer: completed, or incomplete with the reason when the answer was cut. */
    RawValue ended(String model, ArrayNode output, FinishReason reason, Usage usage) {
        String incomplete = ResponsesResponseWriter.incompleteReason(reason);
        return response.raw(new ResponseObject.Stage(model, incomplete == null ? "completed" : "incomplete", incomplete,
                null, output, usage));
    }

    /** The provider failed mid-stream: failed, with the output so far and the error. */
    RawValue failed(String model, ArrayNode output, Usage usage, ErrorType type, String message) {
        ObjectNode error = JsonFields.object().put("code", type == ErrorType.RATE_LIMIT ? "rate_limit_exceeded" : "server_error")
                .put("message", message);
        return response.raw(new ResponseObject.Stage(model, "failed", null, error, output, usage));
    }
}
