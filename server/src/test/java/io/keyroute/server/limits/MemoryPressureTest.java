package io.keyroute.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.LimitExceeded;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryPressureTest {
    private static final long MAX = 1_000;

    @Test
    void shedsPastNinetyPercentAfterACollectionAndServesAgainOnlyBelowSeventyFive() {
        var pressure = new MemoryPressure();
        assertThat(pressure.shedding()).isFalse();

        pressure.afterCollection(900, MAX);
        assertThat(pressure.shedding()).as("at 90%").isFalse();
        pressure.afterCollection(901, MAX);
        assertThat(pressure.shedding()).as("past 90%").isTrue();
        pressure.afterCollection(800, MAX);
        assertThat(pressure.shedding()).as("at 80%, still shedding: no flapping").isTrue();
        pressure.afterCollection(750, MAX);
        assertThat(pressure.shedding()).as("at 75%").isTrue();
        pressure.afterCollection(749, MAX);
        assertThat(pressure.shedding()).as("below 75%").isFalse();
    }

    @Test
    void whileSheddingANewRequestIsRefusedWith503OverloadedAndOneInFlightGoesOn() {
        var pressure = new MemoryPressure();
        var limits = new InFlightLimits(10, 10, 1 << 20, pressure);
        var inFlight = limits.open();
        inFlight.enter("key_a");

        pressure.afterCollection(950, MAX);

        assertThatThrownBy(() -> limits.open().enter("key_b")).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.UNAVAILABLE);
            assertThat(e.code()).isEqualTo("overloaded");
            assertThat(e.getMessage()).contains("memory is nearly full");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        });
        assertThat(limits.inFlight()).isEqualTo(1);
        inFlight.close();
        assertThat(limits.inFlight()).isZero();
    }

    @Test
    void thisJvmsWatcherIsOneAndNotSheddingInAHealthyProcess() {
        System.gc(); // a collection's notification reaches it: this test's heap is far from full
        assertThat(MemoryPressure.ofThisJvm()).isSameAs(MemoryPressure.ofThisJvm());
        assertThat(MemoryPressure.ofThisJvm().shedding()).isFalse();
    }
}
