package io.keyroute.server.management;

import io.keyroute.api.error.ClientError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code from}/{@code to} query parameters: RFC 3339 times or dates. */
final class QueryTimes {
    static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private QueryTimes() {
    }

    /** A date as {@code to} means the end of that day, so {@code from=D&to=D} is the whole day. */
    static Optional<Instant> parse(Optional<String> text, String param, boolean endOfDay) {
        return text.filter(t -> !t.isBlank()).map(t -> {
            try {
                return t.length() == 10
                        ? LocalDate.parse(t).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw ClientError.badRequest("invalid_request", "'" + param + "' must be an RFC 3339 time or a date.", param);
            }
        });
    }
}
