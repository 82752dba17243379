package io.keyroute.server.cli.bench;

import io.keyroute.server.accounting.UsageSink;
import io.keyroute.usage.RequestRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's own record of each bench request, found by its {@code x-keyroute-request-id}: the
 * tokens and exact cost exactly as usage accounting sees them. The gateway records a request after
 * its last byte has gone out, so the bench waits for it.
 */
final class RecordedRequests implements UsageSink {
    private final ConcurrentHashMap<String, CompletableFuture<RequestRecord>> byId = new ConcurrentHashMap<>();

    @Override
    public void record(RequestRecord record) {
        slot(record.requestId()).complete(record);
    }

    /** The record, or empty when none arrives within {@code wait}. */
    Optional<RequestRecord> await(String requestId, Duration wait) {
        try {
            return Optional.of(slot(requestId).get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            byId.remove(requestId);
        }
    }

    private CompletableFuture<RequestRecord> slot(String requestId) {
        return byId.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }
}
