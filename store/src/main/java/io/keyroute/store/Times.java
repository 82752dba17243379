package io.keyroute.store;

import java.time.Instant;
import java.time.LocalDateTime;
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
    /** Years 0000 to 9999, the ones written in four digits: {@link #format} writes them itself. */
    private static final long FIRST_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private Times() {
    }

    /** The clock's time at the stored precision, so a value read back equals the one written. */
    public static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}, written digit by digit: several times a request (each ledger row, each
     * kept response), where the pattern formatter cost more than the rest of building the row.
     */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long second = instant.getEpochSecond();
        if (second < FIRST_SECOND || second > LAST_SECOND) {
            return FORMAT.format(instant);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, instant.getNano(), ZoneOffset.UTC);
        char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(text, 0, 4, t.getYear());
        digits(text, 5, 2, t.getMonthValue());
        digits(text, 8, 2, t.getDayOfMonth());
        digits(text, 11, 2, t.getHour());
        digits(text, 14, 2, t.getMinute());
        digits(text, 17, 2, t.getSecond());
        digits(text, 20, 3, t.getNano() / 1_000_000);
        return new String(text);
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
