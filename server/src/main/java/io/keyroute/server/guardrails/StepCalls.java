package io.keyroute.server.guardrails;

import io.keyroute.api.error.ClientError;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step's check within its timeout and turns a failure into what the step's {@code on_error}
 * says: open, the check is skipped (logged and counted); closed, the request is refused (503
 * {@code guardrail_unavailable}). A check never crashes or stalls the request: a local one runs on the
 * request's thread and is judged by its time after it returns; one that may wait runs on a virtual
 * thread of its own and is abandoned (interrupted) at the timeout. Nothing of the text or of the
 * exception's message is logged: a detector's message may quote what it read.
 */
final class StepCalls {
    private static final Logger LOG = LoggerFactory.getLogger(StepCalls.class);
    private static final ExecutorService WAITING = Executors.newVirtualThreadPerTaskExecutor();

    private final GuardrailEvents events;

    StepCalls(GuardrailEvents events) {
        this.events = events;
    }

    /** What {@code check} returned; null when it failed and the step fails open. */
    <T> T call(GuardrailStep step, String place, Supplier<T> check) {
        long start = System.nanoTime();
        T result;
        String failure;
        try {
            result = step.guardrail().local() ? check.get() : waitFor(step, check);
            long took = System.nanoTime() - start;
            failure = took > step.timeout().toNanos() ? "timeout" : null;
        } catch (TimeoutException e) {
            result = null;
            failure = "timeout";
        } catch (RuntimeException e) {
            result = null;
            failure = "error";
            LOG.warn("guardrail '{}' ({}) failed on {}: {}", step.name(), step.type(), place, e.getClass().getName());
        }
        events.evaluated(step.name(), place, System.nanoTime() - start);
        if (failure == null) {
            return result;
        }
        events.failed(step.name(), place, failure);
        if (step.failClosed()) {
            throw ClientError.guardrailUnavailable(step.name());
        }
        LOG.warn("guardrail '{}' ({}) skipped on {} after a {} (on_error: open)", step.name(), step.type(), place,
                failure);
        return null;
    }

    private static <T> T waitFor(GuardrailStep step, Supplier<T> check) throws TimeoutException {
        Future<T> running = WAITING.submit(check::get);
        try {
            return running.get(step.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a guardrail checked the request", e);
        }
    }
}
