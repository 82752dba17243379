package io.keyroute.routing.health;

import java.util.Locale;

/** CLOSED: calls flow. OPEN: calls refused until a wait ends. HALF_OPEN: a few probes decide. */
public enum CircuitState {
    CLOSED, OPEN, HALF_OPEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
