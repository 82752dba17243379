package io.keyroute.usage.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** How often a budget starts again from zero: each UTC calendar day or month. */
public enum BudgetPeriod {
    DAILY,
    MONTHLY;

    /** Kept: every counter's id spells it, several times a request. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** {@code daily} or {@code monthly}, as the API and the database spell it. */
    public String wire() {
        return wire;
    }

    public static Optional<BudgetPeriod> parse(String text) {
        for (BudgetPeriod period : values()) {
            if (period.wire().equals(text)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /** The start of the period that {@code at} falls in. */
    public Instant start(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate first = this == DAILY ? day : day.withDayOfMonth(1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the period after the one that begins at {@code start}. */
    public Instant next(Instant start) {
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
        return (this == DAILY ? first.plusDays(1) : first.plusMonths(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The period's name in a counter's identity: {@code 2026-11-21} for a day, {@code 2026-11} for a month. */
    public String key(Instant start) {
        String day = LocalDate.ofInstant(start, ZoneOffset.UTC).toString();
        return this == DAILY ? day : day.substring(0, 7);
    }
}
