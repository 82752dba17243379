package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.ErrorWording;

import java.util.Set;

/** The checks every OpenAI endpoint of the fake makes first, answered in OpenAI's error shape. */
final class RequestChecks {
    private RequestChecks() {
    }

    /** The request's JSON object, or null once a body that is none got OpenAI's 400. */
    static JsonNode objectBody(RecordedRequest req, ServerResponse res) {
        JsonNode body = req.json();
        if (body == null || !body.isObject()) {
            OpenAiResponses.error(res, 400, OpenAiErrors.INVALID_JSON, "invalid_request_error", null, null);
            return null;
        }
        return body;
    }

    /**
     * Whether {@code model} is refused (answered OpenAI's 404 {@code model_not_found}) by a fake that
     * knows only {@code knownModels}; an empty set knows every model.
     */
    static boolean refusesModel(Set<String> knownModels, String model, ServerResponse res) {
        if (knownModels.isEmpty() || knownModels.contains(model)) {
            return false;
        }
        OpenAiResponses.error(res, 404, ErrorWording.modelNotFound(model), "invalid_request_error", null,
                "model_not_found");
        return true;
    }
}
