package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.error.ErrorType;

/**
 * The {@code response} object a stream's lifecycle events carry, as it stands at each stage: the
 * same object {@link ResponsesResponseWriter} writes for a whole answer, with the streamed items
 * as its output. Shapes: the spec's Response and ResponseError (openai-openapi openapi.yaml;
 * openai-java 4.100.0 Response, ResponseError, whose code is one of the spec's enum).
 */
final class StreamedResponse {
    private final ResponsesRequest request;
    private final String id;
    private final long createdAt;

    StreamedResponse(ResponsesRequest request, String id, long createdAt) {
        this.request = request;
        this.id = id;
        this.createdAt = createdAt;
    }

    /** Before any output: in_progress, no output, no usage. */
    ObjectNode inProgress(String model) {
        return ResponsesResponseWriter.envelope(request, id, createdAt, model, "in_progress");
    }

    /** The whole answer: completed, or incomplete with the reason when the answer was cut. */
    ObjectNode ended(String model, ArrayNode output, FinishReason reason, Usage usage) {
        String incomplete = ResponsesResponseWriter.incompleteReason(reason);
        ObjectNode response = finished(model, incomplete == null ? "completed" : "incomplete", output, usage);
        if (incomplete != null) {
            response.putObject("incomplete_details").put("reason", incomplete);
        }
        return response;
    }

    /** The provider failed mid-stream: failed, with the output so far and the error. */
    ObjectNode failed(String model, ArrayNode output, Usage usage, ErrorType type, String message) {
        ObjectNode response = finished(model, "failed", output, usage);
        response.putObject("error").put("code", type == ErrorType.RATE_LIMIT ? "rate_limit_exceeded" : "server_error")
                .put("message", message);
        return response;
    }

    private ObjectNode finished(String model, String status, ArrayNode output, Usage usage) {
        ObjectNode response = ResponsesResponseWriter.envelope(request, id, createdAt, model, status);
        response.set("output", output);
        if (usage != null) {
            response.set("usage", ResponsesResponseWriter.usage(usage));
        }
        return response;
    }
}
