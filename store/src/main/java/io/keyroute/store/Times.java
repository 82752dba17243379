package io.keyroute.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times are stored as fixed-width RFC 3339 UTC text with milliseconds: the same column type on
 * SQLite and PostgreSQL, and text order equals time order, so range queries need no dialect. The
 * storage format only: the API writes its times with {@code io.keyroute.api.Timestamps}.
 */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** The clock's time at the stored precision, so a value read back equals the one written. */
    public static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
