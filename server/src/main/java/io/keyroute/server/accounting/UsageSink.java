package io.keyroute.server.accounting;

import io.keyroute.usage.RequestRecord;

/**
 * Receives every finished request: metrics, the access log and the usage ledger plug in here.
 * Called on the request's thread: implementations hand off anything slow. Closed after the HTTP
 * server has stopped, so that it can store what the last requests left.
 */
public interface UsageSink extends AutoCloseable {
    /**
     * The request's record is final and the last byte of its answer is about to leave: a sink that
     * must not lose the request even if the process is killed the next moment makes it durable
     * here (the ledger's journal). On the hot path, before the caller has its answer: be quick.
     */
    default void completing(RequestRecord record) {
    }

    /** The request has ended and its answer has gone (as far as it could). */
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
            public void completing(RequestRecord record) {
                first.completing(record);
                next.completing(record);
            }

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
