package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Written digit by digit, the text is the pattern formatter's for any instant, inside the four-digit years and out. */
    @Property(tries = 2_000)
    void formatIsThePatternsTextAndParsesBackAtMillisecondPrecision(
            @ForAll @LongRange(min = -62_200_000_000L, max = 253_500_000_000L) long second,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);

        String text = Times.format(instant);

        assertThat(text).isEqualTo(PATTERN.format(instant));
        if (!text.startsWith("+") && !text.startsWith("-")) {
            assertThat(Times.parse(text)).isEqualTo(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Test
    void theEdgesOfTheFourDigitYears() {
        assertThat(Times.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00.000Z");
        assertThat(Times.format(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(Times.format(Instant.parse("2026-12-07T09:05:03.007Z"))).isEqualTo("2026-12-07T09:05:03.007Z");
        assertThat(Times.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00.000Z");
        assertThat(Times.format(null)).isNull();
    }
}
