package io.keyroute.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The optional token-count capability of a {@link ProviderAdapter} (checked with {@code instanceof},
 * as {@link EmbeddingsAdapter} is): the provider's own count of a request's prompt, which every
 * provider that has one answers free of charge. Pure translation, like the adapter itself.
 */
public interface TokenCountAdapter {

    /**
     * The provider's count call for the prompt {@code request} would send it (translated as a chat
     * would be); empty when the provider has no count for it, and the gateway counts it itself.
     */
    Optional<UpstreamRequest> toUpstreamCount(ChatRequest request, String upstreamModel, URI baseUrl,
                                              Credential credential);

    /**
     * The prompt tokens the provider's answer to that call reports.
     *
     * @throws IllegalArgumentException when the answer has no whole count where the provider puts it
     * @throws java.io.UncheckedIOException when the answer is not a JSON object
     */
    long fromUpstreamCount(byte[] body);

    /** The count under {@code field} of a JSON answer, clamped as every count a provider reports. */
    static long countIn(byte[] body, String field) {
        JsonNode count = JsonFields.parse(body).path(field);
        if (!count.isIntegralNumber()) {
            throw new IllegalArgumentException("the count answer has no whole '" + field + "'");
        }
        return TokenCounts.of(count);
    }
}
