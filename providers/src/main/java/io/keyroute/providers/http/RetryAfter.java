package io.keyroute.providers.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads how long a provider asked us to wait: {@code retry-after-ms} (OpenAI), else
 * {@code retry-after} as seconds or as an HTTP date.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait, or null when the provider did not say (or said nonsense). */
    public static Duration parse(Function<String, String> headers, Clock clock) {
        String millis = headers.apply("retry-after-ms");
        if (millis != null) {
            try {
                return nonNegative(Duration.ofMillis((long) Double.parseDouble(millis.trim())));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = headers.apply("retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return nonNegative(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                var when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return nonNegative(Duration.between(clock.instant(), when.toInstant()));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
