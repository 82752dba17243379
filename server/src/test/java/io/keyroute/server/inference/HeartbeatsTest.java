package io.keyroute.server.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.inference.attempts.Watchdog;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {
    private static final Watchdog WATCHDOG = new Watchdog(Duration.ofSeconds(1));

    /** A stream without a caller side: its first write fails, as a write to a caller that has left does. */
    private static ClientStream leftStream() {
        return new ClientStream(null, WATCHDOG.watch(), Duration.ofSeconds(30));
    }

    @Test
    void aSilentStreamWhoseCallerLeftIsReportedGoneOnce() throws InterruptedException {
        try (var heartbeats = new Heartbeats(Duration.ofMillis(20))) {
            var gone = new AtomicInteger();
            var reported = new CountDownLatch(1);
            heartbeats.watch(leftStream(), () -> {
                gone.incrementAndGet();
                reported.countDown();
            });

            assertThat(reported.await(5, TimeUnit.SECONDS)).as("reported gone").isTrue();
            Thread.sleep(200); // ten more sweeps
            assertThat(gone).hasValue(1);
        }
    }

    @Test
    void aClosedWatchIsNeitherSweptNorKeptReachable() throws InterruptedException {
        try (var heartbeats = new Heartbeats(Duration.ofMillis(20))) {
            var gone = new AtomicInteger();
            WeakReference<ClientStream> finished = watchAndClose(heartbeats, gone);

            for (int i = 0; i < 50 && finished.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }

            assertThat(finished.get()).as("the finished stream").isNull();
            assertThat(gone).as("calls for a closed watch").hasValue(0);
        }
    }

    /** Watches a stream and closes the watch, as the relay does when the stream ends. */
    private static WeakReference<ClientStream> watchAndClose(Heartbeats heartbeats, AtomicInteger gone) {
        var stream = leftStream();
        heartbeats.watch(stream, gone::incrementAndGet).close();
        return new WeakReference<>(stream);
    }
}
