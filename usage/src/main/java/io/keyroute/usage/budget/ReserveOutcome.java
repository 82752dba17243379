package io.keyroute.usage.budget;

/** Whether a {@link Reservation} is held on every counter, or which counter refused it. */
public sealed interface ReserveOutcome {
    ReserveOutcome HELD = new Held();

    record Held() implements ReserveOutcome {
    }

    /** The reservation would take {@code line}'s counter past its limit; nothing is held anywhere. */
    record Refused(CounterLimit line, CounterState state) implements ReserveOutcome {
    }
}
