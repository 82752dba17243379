package io.keyroute.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void utcWithMillisecondsAlwaysTheSameWidth() {
        assertThat(Timestamps.format(Instant.parse("2026-12-07T02:43:14Z"))).isEqualTo("2026-12-07T02:43:14.000Z");
        assertThat(Timestamps.format(Instant.parse("2026-12-07T02:43:14.123456789Z")))
                .isEqualTo("2026-12-07T02:43:14.123Z");
        assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void noTimeIsNull() {
        assertThat(Timestamps.format(null)).isNull();
    }
}
