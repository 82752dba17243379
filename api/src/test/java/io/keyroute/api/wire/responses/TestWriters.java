package io.keyroute.api.wire.responses;

import java.nio.charset.StandardCharsets;

/** A writer for a typical streamed request, as the Responses endpoint makes one. */
final class TestWriters {
    static final String REQUESTED_MODEL = "gpt-4o-mini";
    static final String RESPONSE_ID = "resp_0123456789abcdef0123456789abcdef0123456789abcdef";
    static final long CREATED_AT = 1_741_290_958L;
    private static final String REQUEST = """
            {"model":"gpt-4o-mini","input":"Weather in Paris, and the time?","instructions":"Be brief.",
             "stream":true,"tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]}""";

    /** Codex's tools that are not functions: its freeform apply_patch and local_shell. */
    private static final String CODEX_REQUEST = """
            {"model":"gpt-5-codex","input":"Fix it","stream":true,"tools":[{"type":"local_shell"},
             {"type":"custom","name":"apply_patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}}]}""";

    private TestWriters() {
    }

    static ResponsesEventWriter codexWriter() {
        ResponsesRequest request = ResponsesRequestReader.read(CODEX_REQUEST.getBytes(StandardCharsets.UTF_8));
        return new ResponsesEventWriter(request, RESPONSE_ID, CREATED_AT);
    }

    static ResponsesEventWriter writer() {
        ResponsesRequest request = ResponsesRequestReader.read(REQUEST.getBytes(StandardCharsets.UTF_8));
        return new ResponsesEventWriter(request, RESPONSE_ID, CREATED_AT);
    }
}
