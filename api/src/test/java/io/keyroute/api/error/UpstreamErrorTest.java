package io.keyroute.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamErrorTest {

    @ParameterizedTest(name = "upstream {0} -> caller {1} {2} / {3}, retryable={4}")
    @CsvSource({
            // upstream, caller status, type,              code,              retryable
            "400, 400, INVALID_REQUEST,   upstream_error,    false",
            "404, 404, NOT_FOUND,         model_not_found,   false",
            "413, 413, REQUEST_TOO_LARGE, upstream_error,    false",
            "422, 422, UNPROCESSABLE,     upstream_error,    false",
            "429, 429, RATE_LIMIT,        rate_limited,      true",
            "408, 504, TIMEOUT,           upstream_error,    true",
            "504, 504, TIMEOUT,           upstream_error,    true",
            "401, 502, UPSTREAM,          upstream_error,    false",
            "403, 502, UPSTREAM,          upstream_error,    false",
            "500, 502, UPSTREAM,          upstream_error,    true",
            "502, 502, UPSTREAM,          upstream_error,    true",
            "503, 502, UPSTREAM,          upstream_error,    true",
            "529, 502, UPSTREAM,          upstream_error,    true",
            "501, 502, UPSTREAM,          upstream_error,    false",
            "418, 502, UPSTREAM,          upstream_error,    false",
    })
    void statusMapsToWhatTheCallerSees(int upstream, int callerStatus, ErrorType type, String code, boolean retryable) {
        UpstreamError e = UpstreamError.status("openai", upstream, "boom", null);

        assertThat(e.status()).isEqualTo(callerStatus);
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.upstreamStatus()).isEqualTo(upstream);
        assertThat(e.kind()).isEqualTo(UpstreamError.Kind.STATUS);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.getMessage()).isEqualTo("openai returned " + upstream + ": boom");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialIsFlagged(int status) {
        assertThat(UpstreamError.status("anthropic", status, "invalid x-api-key", null).credentialRejected()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 429, 500, 503})
    void otherStatusesAreNotCredentialRejections(int status) {
        assertThat(UpstreamError.status("anthropic", status, "x", null).credentialRejected()).isFalse();
    }

    @Test
    void nonStatusFailuresAreNeverCredentialRejections() {
        assertThat(UpstreamError.connect("p", "refused").credentialRejected()).isFalse();
        assertThat(UpstreamError.timeout("p", Duration.ofSeconds(1)).credentialRejected()).isFalse();
        assertThat(UpstreamError.protocol("p", "cut").credentialRejected()).isFalse();
    }

    @Test
    void retryAfterIsCarried() {
        assertThat(UpstreamError.status("p", 429, "slow down", Duration.ofSeconds(7)).retryAfter())
                .contains(Duration.ofSeconds(7));
        assertThat(UpstreamError.status("p", 429, "slow down", null).retryAfter()).isEmpty();
    }

    @Test
    void providerMessageIsScrubbedOfKeys() {
        String key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
        UpstreamError e = UpstreamError.status("openai", 401, "Incorrect API key provided: " + key + ".", null);

        assertThat(e.getMessage()).doesNotContain(key).contains("sk-…0123");
    }

    @Test
    void connectTimeoutAndProtocolFailures() {
        UpstreamError connect = UpstreamError.connect("ollama", "Connection refused");
        assertThat(connect.kind()).isEqualTo(UpstreamError.Kind.CONNECT);
        assertThat(connect.status()).isEqualTo(502);
        assertThat(connect.code()).isEqualTo("upstream_unreachable");
        assertThat(connect.retryable()).isTrue();
        assertThat(connect.upstreamStatus()).isZero();

        UpstreamError timeout = UpstreamError.timeout("ollama", Duration.ofMillis(1500));
        assertThat(timeout.kind()).isEqualTo(UpstreamError.Kind.TIMEOUT);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.code()).isEqualTo("upstream_timeout");
        assertThat(timeout.retryable()).isTrue();
        assertThat(timeout.getMessage()).isEqualTo("ollama did not answer within 1500 ms");

        UpstreamError protocol = UpstreamError.protocol("ollama", "unexpected end of stream");
        assertThat(protocol.kind()).isEqualTo(UpstreamError.Kind.PROTOCOL);
        assertThat(protocol.status()).isEqualTo(502);
        assertThat(protocol.code()).isEqualTo("upstream_protocol_error");
        assertThat(protocol.retryable()).isFalse();
    }

    @Test
    void exhaustedListsEveryAttemptAndKeepsTheLastKind() {
        UpstreamError first = UpstreamError.status("openai", 503, "overloaded", null);
        UpstreamError second = UpstreamError.timeout("anthropic", Duration.ofSeconds(30));
        UpstreamError third = UpstreamError.status("gemini", 429, "quota", Duration.ofSeconds(3));

        UpstreamError all = UpstreamError.exhausted(List.of(first, second, third));

        assertThat(all.getMessage())
                .startsWith("All 3 attempts failed: openai 503; anthropic timeout; gemini 429. Last: ")
                .endsWith("gemini returned 429: quota");
        assertThat(all.status()).isEqualTo(429);
        assertThat(all.type()).isEqualTo(ErrorType.RATE_LIMIT);
        assertThat(all.code()).isEqualTo("rate_limited");
        assertThat(all.provider()).isEqualTo("gemini");
        assertThat(all.kind()).isEqualTo(UpstreamError.Kind.STATUS);
        assertThat(all.upstreamStatus()).isEqualTo(429);
        assertThat(all.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void exhaustedNamesConnectAndProtocolFailures() {
        UpstreamError all = UpstreamError.exhausted(List.of(
                UpstreamError.connect("local", "refused"), UpstreamError.protocol("openai", "cut")));

        assertThat(all.getMessage()).startsWith("All 2 attempts failed: local connect error; openai protocol error. ");
        assertThat(all.kind()).isEqualTo(UpstreamError.Kind.PROTOCOL);
        assertThat(all.code()).isEqualTo("upstream_protocol_error");
    }

    @Test
    void exhaustedNamesCandidatesPassedOverForAnOpenCircuitInOrder() {
        UpstreamError all = UpstreamError.exhausted(List.of(UpstreamError.status("primary", 503, "a", null),
                UpstreamError.circuitOpen("primary", "its circuit is open"), UpstreamError.timeout("secondary", Duration.ofSeconds(1)),
                UpstreamError.circuitOpen("third", "its circuit is open")));

        assertThat(all.getMessage()).isEqualTo("All 2 attempts failed: primary 503; primary circuit open; secondary timeout; "
                + "third circuit open. Last: secondary did not answer within 1000 ms");
        assertThat(all.kind()).as("the last attempt's, not the last candidate passed over").isEqualTo(UpstreamError.Kind.TIMEOUT);
        assertThat(all.status()).isEqualTo(504);

        UpstreamError none = UpstreamError.exhausted(List.of(UpstreamError.circuitOpen("primary", "open"),
                UpstreamError.circuitOpen("secondary", "open until later")));
        assertThat(none.getMessage()).isEqualTo("No candidate could be tried: primary circuit open; secondary circuit open. "
                + "Last: secondary was not tried: open until later");
        assertThat(none.status()).isEqualTo(502);
    }

    @Test
    void exhaustedWithOneAttemptIsThatAttempt() {
        UpstreamError only = UpstreamError.status("openai", 500, "oops", null);
        assertThat(UpstreamError.exhausted(List.of(only))).isSameAs(only);
    }
}
