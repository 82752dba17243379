package io.keyroute.server.usage;

/**
 * Receives every finished request. The usage ledger (tokens, cost, budgets) plugs in here; the
 * access log is the first implementation. Called on the request's thread: implementations hand
 * off anything slow.
 */
public interface UsageSink {
    void record(RequestRecord record);
}
