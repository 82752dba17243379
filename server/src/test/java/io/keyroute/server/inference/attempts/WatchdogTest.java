package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    @Test
    void aWatchThatRunsOutInterruptsItsThreadAndCloseClearsIt() throws InterruptedException {
        try (var watchdog = new Watchdog(Duration.ofMillis(5));
             var watch = watchdog.watch()) {
            watch.arm(Duration.ofMillis(10));
            try {
                Thread.sleep(Duration.ofSeconds(10));
            } catch (InterruptedException cut) {
                assertThat(watch.expired()).isTrue();
            }
            watch.close();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void aWatchWithAnActionRunsItOnceInsteadOfInterrupting() throws InterruptedException {
        var runs = new AtomicInteger();
        try (var watchdog = new Watchdog(Duration.ofMillis(5));
             var watch = watchdog.watch(Duration.ofMillis(10), runs::incrementAndGet)) {
            while (!watch.expired()) {
                Thread.sleep(5);
            }
            Thread.sleep(50); // ten more sweeps
            assertThat(runs).hasValue(1);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    /**
     * A watch closed as it runs out leaves no interrupt behind: the thread goes on to other work (Helidon
     * reuses a connection's virtual thread for its next request), whose first blocking call an interrupt
     * sent after the close would fail. Each round closes a watch just as the timer, sweeping back to back,
     * finds it due; before expiry and close excluded each other, the timer's interrupt could land between
     * the close and the thread's next step (found within a few thousand rounds).
     */
    @Test
    void aWatchClosedAsItRunsOutLeavesNoInterruptBehind() {
        var random = ThreadLocalRandom.current();
        int stale = 0;
        int expired = 0;
        try (var watchdog = new Watchdog(Duration.ofNanos(1_000))) {
            for (int round = 0; round < 200_000 && stale == 0; round++) {
                Watchdog.Watch watch = watchdog.watch();
                watch.arm(Duration.ZERO);
                for (int spin = random.nextInt(200); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                watch.close();
                expired += watch.expired() ? 1 : 0;
                for (int spin = random.nextInt(200); spin > 0; spin--) {
                    Thread.onSpinWait(); // the timer may still be about to interrupt
                }
                stale += Thread.interrupted() ? 1 : 0;
            }
        }
        assertThat(expired).as("rounds in which the watch ran out before its close").isPositive();
        assertThat(stale).as("interrupts left on the thread after its watch was closed").isZero();
    }
}
