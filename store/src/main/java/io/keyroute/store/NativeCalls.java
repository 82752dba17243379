package io.keyroute.store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where a driver's calls run. SQLite's driver is JNI: a virtual thread in it (stepping a statement,
 * an fsync at commit, SQLite's busy handler sleeping for the write lock up to {@code busy_timeout})
 * holds its carrier all the while, and the scheduler adds no carrier for native code as it does for
 * Java's own blocking I/O. As many such calls as carriers (two on a 2-core machine) stop every
 * virtual thread in the JVM: every request, and the transaction holding the lock, which cannot get
 * a carrier to commit until the waiters give up. So for SQLite a virtual thread's calls run on a
 * few platform threads, the virtual thread parked meanwhile (its carrier free); a platform thread's
 * run where they are. PostgreSQL's driver is Java sockets, which park a virtual thread by themselves:
 * its calls run in place.
 */
final class NativeCalls implements AutoCloseable {
    private final ThreadPoolExecutor platform;

    private NativeCalls(ThreadPoolExecutor platform) {
        this.platform = platform;
    }

    /** Every call in place. */
    static NativeCalls inPlace() {
        return new NativeCalls(null);
    }

    /** A virtual thread's calls on at most {@code threads} platform threads (each started when needed, ended when idle). */
    static NativeCalls onPlatformThreads(String name, int threads) {
        var executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name(name + "-", 1).daemon().factory());
        executor.allowCoreThreadTimeOut(true);
        return new NativeCalls(executor);
    }

    /**
     * Runs {@code call}, on a platform thread when the caller is virtual, and returns what it returned
     * or throws what it threw (with the caller's stack as a suppressed {@link CalledFrom}). The caller
     * waits uninterruptibly, as it would inside the driver; an interrupt meanwhile is kept for it.
     */
    <T> T run(Supplier<T> call) {
        if (platform == null || !Thread.currentThread().isVirtual()) {
            return call.get();
        }
        var task = new FutureTask<>(call::get);
        try {
            platform.execute(task);
        } catch (RejectedExecutionException closed) {
            return call.get(); // the database is closing: the call fails (or not) as it would have
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        failure.addSuppressed(new CalledFrom());
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(failure);
    }

    @Override
    public void close() {
        if (platform != null) {
            platform.shutdown();
        }
    }

    /** Where a call that failed on a platform thread was made. */
    static final class CalledFrom extends Exception {
        CalledFrom() {
            super("the call was made here, and ran on a platform thread");
        }
    }
}
