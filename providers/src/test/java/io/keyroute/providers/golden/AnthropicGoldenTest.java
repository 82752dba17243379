package io.keyroute.providers.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.wire.anthropic.AnthropicEventReader;
import io.keyroute.api.wire.anthropic.AnthropicRequestWriter;
import io.keyroute.api.wire.anthropic.AnthropicResponseReader;

class AnthropicGoldenTest extends GoldenTranslationTest {
    @Override
    protected String provider() {
        return "anthropic";
    }

    @Override
    protected JsonNode writeRequest(CanonicalRequest request) {
        return AnthropicRequestWriter.write(request, request.model(), 4096);
    }

    @Override
    protected CanonicalResponse readResponse(byte[] body) {
        return AnthropicResponseReader.read(body);
    }

    @Override
    protected StreamEventReader streamReader() {
        return new AnthropicEventReader();
    }
}
