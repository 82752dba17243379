package io.keyroute.usage.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BucketStore} must give {@link RateLimiter}: run against each store. */
abstract class RateLimiterContract {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private BucketStore store;
    private RateLimiter limiter;
    /** Key ids unique to this test, so runs never share buckets. */
    private final String run = UUID.randomUUID().toString();

    abstract BucketStore open(ClockTimeMeter time);

    @BeforeEach
    void open() {
        store = open(new ClockTimeMeter(clock));
        limiter = new RateLimiter(store);
    }

    RateLimiter limiter() {
        return limiter;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    String key(String name) {
        return name + "-" + run;
    }

    static Needs needs(int promptTokens, int outputTokens) {
        return new Needs(Set.of(), promptTokens, outputTokens, outputTokens);
    }

    static final Needs SMALL = needs(10, 10);

    @Test
    void rpmAdmitsThatManyRequestsThenRefusesUntilTheNextRequestHasRefilled() {
        for (int i = 0; i < 3; i++) {
            limiter().admit(key("a"), 3, null, SMALL);
        }

        LimitExceeded refused = refusal(() -> limiter().admit(key("a"), 3, null, SMALL));

        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.getMessage()).isEqualTo("Rate limit reached for this key: 3 requests per minute.");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(20)); // 3 a minute: one every 20 s
    }

    @Test
    void theBucketRefillsAsTheClockAdvances() {
        for (int i = 0; i < 3; i++) {
            limiter().admit(key("a"), 3, null, SMALL);
        }
        clock.advance(Duration.ofSeconds(19));
        assertThat(refusal(() -> limiter().admit(key("a"), 3, null, SMALL)).retryAfter()).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        limiter().admit(key("a"), 3, null, SMALL);
        assertThatThrownBy(() -> limiter().admit(key("a"), 3, null, SMALL)).isInstanceOf(LimitExceeded.class);

        clock.advance(Duration.ofMinutes(1)); // full again, never more than the limit
        for (int i = 0; i < 3; i++) {
            limiter().admit(key("a"), 3, null, SMALL);
        }
        assertThatThrownBy(() -> limiter().admit(key("a"), 3, null, SMALL)).isInstanceOf(LimitExceeded.class);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        limiter().admit(key("a"), 1, null, SMALL);
        assertThatThrownBy(() -> limiter().admit(key("a"), 1, null, SMALL)).isInstanceOf(LimitExceeded.class);

        limiter().admit(key("b"), 1, null, SMALL);
    }

    @Test
    void tpmChargesTheEstimateAndSaysWhenEnoughTokensWillBeBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter().admit(key("a"), null, 1000, needs(100, 200)).estimate()).isEqualTo(300);
        }

        LimitExceeded refused = refusal(() -> limiter().admit(key("a"), null, 1000, needs(100, 200)));

        assertThat(refused.getMessage())
                .isEqualTo("Rate limit reached for this key: 1000 tokens per minute (this request needs about 300).");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(12)); // 100 left, 200 more at 1000 a minute
    }

    @Test
    void settlingGivesBackWhatTheEstimateOvercharged() {
        limiter().admit(key("a"), null, 1000, needs(100, 500)).settle(100);

        limiter().admit(key("a"), null, 1000, needs(100, 500)); // 900 left: fits only thanks to the 500 given back
        assertThatThrownBy(() -> limiter().admit(key("a"), null, 1000, needs(100, 500))).isInstanceOf(LimitExceeded.class);
    }

    @Test
    void settlingChargesWhatTheEstimateMissedEvenIntoDebt() {
        Taken taken = limiter().admit(key("a"), null, 1000, needs(100, 100));

        taken.settle(1800); // 200 charged, 1600 more: the bucket owes 800

        LimitExceeded refused = refusal(() -> limiter().admit(key("a"), null, 1000, needs(50, 50)));
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(54)); // 900 tokens at 1000 a minute
        clock.advance(Duration.ofSeconds(54));
        limiter().admit(key("a"), null, 1000, needs(50, 50));
    }

    @Test
    void aRequestLargerThanTheWholeTokenLimitIsRefusedWithoutARetryTime() {
        LimitExceeded refused = refusal(() -> limiter().admit(key("a"), 5, 1000, needs(900, 200)));

        assertThat(refused.getMessage())
                .isEqualTo("This request needs about 1100 tokens, more than this key's limit of 1000 tokens per minute.");
        assertThat(refused.retryAfter()).isEmpty();
        limiter().admit(key("a"), 1, 1000, needs(900, 100)); // and it took nothing, not even the request
    }

    @Test
    void aTokenRefusalGivesTheRequestBack() {
        limiter().admit(key("a"), 2, 1000, needs(300, 300));
        assertThatThrownBy(() -> limiter().admit(key("a"), 2, 1000, needs(300, 300))).isInstanceOf(LimitExceeded.class);

        limiter().admit(key("a"), 2, 1000, needs(100, 100)); // the second request of the minute
        assertThat(refusal(() -> limiter().admit(key("a"), 2, 1000, needs(1, 1))).getMessage())
                .contains("2 requests per minute");
    }

    @Test
    void releasingGivesEverythingBack() {
        limiter().admit(key("a"), 1, 1000, needs(400, 600)).release();

        limiter().admit(key("a"), 1, 1000, needs(400, 600));
    }

    @Test
    void aChangedLimitStartsAFreshBucketOfTheNewSize() {
        limiter().admit(key("a"), 1, null, SMALL);

        limiter().admit(key("a"), 2, null, SMALL);
        limiter().admit(key("a"), 2, null, SMALL);
        assertThatThrownBy(() -> limiter().admit(key("a"), 2, null, SMALL)).isInstanceOf(LimitExceeded.class);
    }

    static LimitExceeded refusal(Runnable admission) {
        LimitExceeded refused = catchThrowableOfType(LimitExceeded.class, admission::run);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
