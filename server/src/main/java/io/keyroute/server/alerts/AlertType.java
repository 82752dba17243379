package io.keyroute.server.alerts;

/** What an alert is about; {@link #wire()} is its {@code type} in JSON and in webhooks' {@code events} filters. */
public enum AlertType {
    BUDGET_THRESHOLD("budget.threshold"),
    CIRCUIT_OPENED("circuit.opened"),
    CIRCUIT_CLOSED("circuit.closed"),
    CREDENTIAL_VALIDATION_FAILED("credential.validation_failed");

    private final String wire;

    AlertType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static AlertType ofWire(String wire) {
        for (AlertType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown alert type " + wire);
    }
}
