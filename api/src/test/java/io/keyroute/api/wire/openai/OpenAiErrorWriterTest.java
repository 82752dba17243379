package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.api.error.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiErrorWriterTest {

    private static String body(io.keyroute.api.error.GatewayError e) {
        return new String(OpenAiErrorWriter.body(e), StandardCharsets.UTF_8);
    }

    @Test
    void clientErrorWithParam() {
        assertThat(body(ClientError.badRequest("invalid_type", "'stream' must be a boolean.", "stream")))
                .isEqualTo("{\"error\":{\"message\":\"'stream' must be a boolean.\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_type\",\"param\":\"stream\"}}");
    }

    @Test
    void absentParamAndCodeAreJsonNull() {
        assertThat(body(new ClientError(ErrorType.PERMISSION, null, "No.", null)))
                .isEqualTo("{\"error\":{\"message\":\"No.\",\"type\":\"permission_error\",\"code\":null,\"param\":null}}");
    }

    @Test
    void upstreamAndLimitErrorsUseOpenAiTypes() {
        assertThat(body(UpstreamError.status("openai", 429, "slow \"down\"", null)))
                .isEqualTo("{\"error\":{\"message\":\"openai returned 429: slow \\\"down\\\"\","
                        + "\"type\":\"rate_limit_error\",\"code\":\"rate_limited\",\"param\":null}}");
        assertThat(body(UpstreamError.timeout("openai", Duration.ofSeconds(2))))
                .isEqualTo("{\"error\":{\"message\":\"openai did not answer within 2000 ms\","
                        + "\"type\":\"timeout_error\",\"code\":\"upstream_timeout\",\"param\":null}}");
        assertThat(body(new LimitExceeded("budget_exceeded", "Budget spent.", null)))
                .isEqualTo("{\"error\":{\"message\":\"Budget spent.\",\"type\":\"rate_limit_error\","
                        + "\"code\":\"budget_exceeded\",\"param\":null}}");
    }

    @Test
    void notFoundIsAnInvalidRequestErrorInOpenAiShape() {
        assertThat(body(ClientError.modelNotFound("nope")))
                .startsWith("{\"error\":{\"message\":\"The model 'nope' does not exist")
                .endsWith("\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\",\"param\":\"model\"}}");
    }
}
