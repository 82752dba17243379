package io.keyroute.providers.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.providers.gemini.GeminiRequestMapper;
import io.keyroute.providers.gemini.GeminiResponseMapper;
import io.keyroute.providers.gemini.GeminiStreamDecoder;

class GeminiGoldenTest extends GoldenTranslationTest {
    @Override
    protected String provider() {
        return "gemini";
    }

    @Override
    protected JsonNode writeRequest(CanonicalRequest request) {
        return GeminiRequestMapper.write(request, request.model());
    }

    @Override
    protected CanonicalResponse readResponse(byte[] body) {
        return GeminiResponseMapper.read(body);
    }

    @Override
    protected StreamEventReader streamReader() {
        return new GeminiStreamDecoder();
    }
}
