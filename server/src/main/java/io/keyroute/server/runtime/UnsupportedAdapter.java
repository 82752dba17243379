package io.keyroute.server.runtime;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.ProviderType;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.UpstreamRequest;
import java.net.URI;
import java.util.function.Function;

/**
 * Stands for a provider family whose translation has not been written yet: configuring one is
 * allowed (the embedded defaults list every family), calling it is refused with a clear 400
 * before any network traffic.
 */
final class UnsupportedAdapter implements ProviderAdapter {
    private final ProviderType type;

    UnsupportedAdapter(ProviderType type) {
        this.type = type;
    }

    @Override
    public UpstreamRequest toUpstream(ChatRequest request, String upstreamModel, URI baseUrl, Credential credential) {
        throw refusal();
    }

    @Override
    public ChatResult fromUpstream(ChatRequest request, byte[] body) {
        throw refusal();
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request) {
        throw refusal();
    }

    @Override
    public UpstreamError mapError(String providerId, int status, Function<String, String> headers, byte[] body) {
        throw refusal();
    }

    private ClientError refusal() {
        return new ClientError(ErrorType.INVALID_REQUEST, "provider_not_supported",
                "Providers of type '" + type.configName() + "' are not supported by this Keyroute version yet.", "model");
    }
}
