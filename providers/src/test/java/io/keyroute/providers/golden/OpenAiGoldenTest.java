package io.keyroute.providers.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.openai.OpenAiChunkReader;
import io.keyroute.api.wire.openai.OpenAiRequestWriter;
import io.keyroute.api.wire.openai.OpenAiResponseReader;

class OpenAiGoldenTest extends GoldenTranslationTest {
    @Override
    protected String provider() {
        return "openai";
    }

    @Override
    protected JsonNode writeRequest(CanonicalRequest request) {
        return JsonFields.parse(OpenAiRequestWriter.write(request, request.model(), null));
    }

    @Override
    protected CanonicalResponse readResponse(byte[] body) {
        return OpenAiResponseReader.read(body);
    }

    @Override
    protected StreamEventReader streamReader() {
        return new OpenAiChunkReader();
    }
}
