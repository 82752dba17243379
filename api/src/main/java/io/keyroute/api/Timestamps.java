package io.keyroute.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the API writes a time: RFC 3339 UTC with milliseconds, fixed width
 * ({@code 2026-12-07T02:43:14.000Z}), in every management answer. The API's contract, owned here
 * rather than by the database's storage format (store's {@code Times}), which happens to match today.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code instant} as the API writes it; null (JSON null) for none. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
