package io.keyroute.server.usage;

/**
 * Receives every finished request: the access log and the usage ledger plug in here. Called on
 * the request's thread: implementations hand off anything slow. Closed after the HTTP server has
 * stopped, so that it can store what the last requests left.
 */
public interface UsageSink extends AutoCloseable {
    void record(RequestRecord record);

    /**
     * A rate limit or budget refused the request with {@code code} ({@code rate_limited},
     * {@code budget_exceeded}); its record follows as for any failure. Only metrics care.
     */
    default void limitRejected(String code) {
    }

    @Override
    default void close() {
    }

    /** This sink, then {@code next}; closed in the same order. */
    default UsageSink andThen(UsageSink next) {
        UsageSink first = this;
        return new UsageSink() {
            @Override
            public void record(RequestRecord record) {
                first.record(record);
                next.record(record);
            }

            @Override
            public void limitRejected(String code) {
                first.limitRejected(code);
                next.limitRejected(code);
            }

            @Override
            public void close() {
                first.close();
                next.close();
            }
        };
    }
}
