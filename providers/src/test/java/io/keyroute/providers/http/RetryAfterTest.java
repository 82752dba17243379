package io.keyroute.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    /** A Thursday. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Duration parse(String... nameValuePairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            headers.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return RetryAfter.parse(headers::get, CLOCK);
    }

    @Test
    void noHeaderMeansUnknown() {
        assertThat(parse()).isNull();
        assertThat(parse("retry-after", "")).isNull();
        assertThat(parse("retry-after", "   ")).isNull();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(parse("retry-after-ms", "1500", "retry-after", "30")).isEqualTo(Duration.ofMillis(1500));
        assertThat(parse("retry-after-ms", "20.7")).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void unreadableRetryAfterMsFallsBackToRetryAfter() {
        assertThat(parse("retry-after-ms", "soon", "retry-after", "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(parse("retry-after-ms", "soon")).isNull();
    }

    @Test
    void seconds() {
        assertThat(parse("retry-after", "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(parse("retry-after", " 60 ")).isEqualTo(Duration.ofSeconds(60));
        assertThat(parse("retry-after", "0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void fractionalSeconds() {
        assertThat(parse("retry-after", "1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(parse("retry-after", "0.25")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void httpDateIsMeasuredFromTheClock() {
        assertThat(parse("retry-after", "Thu, 01 Jan 2026 00:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("retry-after", "Thu, 01 Jan 2026 01:00:00 GMT")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void httpDateInThePastIsZero() {
        assertThat(parse("retry-after", "Wed, 31 Dec 2025 23:59:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void negativeIsZero() {
        assertThat(parse("retry-after", "-5")).isEqualTo(Duration.ZERO);
        assertThat(parse("retry-after-ms", "-100")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5s", "tomorrow", "01 Jan 2026", "Thu, 32 Jan 2026 00:00:00 GMT"})
    void garbageIsUnknown(String value) {
        assertThat(parse("retry-after", value)).isNull();
    }
}
