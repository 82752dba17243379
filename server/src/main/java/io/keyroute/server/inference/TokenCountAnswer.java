package io.keyroute.server.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.wire.JsonFields;

/** A token count as each inbound API answers it. */
enum TokenCountAnswer {
    /** OpenAI's {@code InputTokenCountResponse} ({@code POST /v1/responses/input_tokens}). */
    OPENAI_RESPONSES {
        @Override
        ObjectNode write(long tokens) {
            return JsonFields.object().put("object", "response.input_tokens").put("input_tokens", tokens);
        }
    },
    /** Anthropic's {@code MessageTokensCount} ({@code POST /v1/messages/count_tokens}). */
    ANTHROPIC_MESSAGES {
        @Override
        ObjectNode write(long tokens) {
            return JsonFields.object().put("input_tokens", tokens);
        }
    };

    abstract ObjectNode write(long tokens);
}
