package io.keyroute.routing.health;

/**
 * A provider's circuit changing state, told by the breaker while it holds its lock: an implementation
 * only takes note (enqueues) and returns, since it runs on the request that made the change.
 */
public interface CircuitEvents {
    CircuitEvents NONE = new CircuitEvents() {
        @Override
        public void opened(String providerId, LastError cause) {
        }

        @Override
        public void closed(String providerId) {
        }
    };

    /**
     * The provider's circuit opened from closed (a half-open probe failing again is not a new
     * opening); {@code cause} is its latest failure, or null when none was blamed on it.
     */
    void opened(String providerId, LastError cause);

    /** A probe succeeded: the provider's open circuit closed again. */
    void closed(String providerId);
}
