package io.keyroute.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Usage;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.catalog.Needs;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.accounting.RequestRecords;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.testkit.MutableClock;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.ratelimit.BucketStore;
import io.keyroute.usage.ratelimit.BucketStore.BucketId;
import io.keyroute.usage.ratelimit.BucketStore.Shortfall;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.LocalBucketStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RateLimitGateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final RateLimitGate gate = new RateLimitGate(new LocalBucketStore(new ClockTimeMeter(clock), 100));

    @Test
    void aKeyWithoutLimitsPassesWithoutTouchingAnyBucket() {
        var untouchable = new RateLimitGate(failing(() -> {
            throw new AssertionError("bucket looked up");
        }));

        assertThat(untouchable.admit(request(null, null, 10))).isSameAs(Admission.NONE);
    }

    @Test
    void settlingWithTheReportedUsageReplacesTheEstimate() {
        gate.admit(request(null, 1000, 500)).settle(delivered(100, 50)); // 510 charged, 150 used

        gate.admit(request(null, 1000, 500)); // fits in the 850 left, not in the 490 the estimate left
        assertThatThrownBy(() -> gate.admit(request(null, 1000, 500))).isInstanceOf(LimitExceeded.class);
    }

    @Test
    void anAnswerWithoutReportedUsageKeepsItsEstimate() {
        gate.admit(request(null, 1000, 500)).settle(delivered(0, 0));

        gate.admit(request(null, 1000, 470)); // 490 left
        assertThatThrownBy(() -> gate.admit(request(null, 1000, 1))).isInstanceOf(LimitExceeded.class);
    }

    @Test
    void aFailedRequestUsedNoTokens() {
        gate.admit(request(null, 1000, 990)).settle(RequestRecords.failed("req_1", caller(null, 1000), "m", null, 502, 3,
                false, 10));

        gate.admit(request(null, 1000, 990));
    }

    @Test
    void aLaterGatesRefusalGivesTheRequestAndItsTokensBack() {
        RequestGate refusing = gate.then(request -> {
            throw new LimitExceeded("budget_exceeded", "Budget exceeded.", null);
        });

        assertThatThrownBy(() -> refusing.admit(request(1, 1000, 990))).isInstanceOf(LimitExceeded.class);

        gate.admit(request(1, 1000, 990));
    }

    @Test
    void anUnavailableStoreLetsRequestsThrough() {
        var down = new RateLimitGate(failing(() -> {
            throw new IllegalStateException("connection refused");
        }));

        assertThat(down.admit(request(1, null, 10))).isSameAs(Admission.NONE);
    }

    @Test
    void aLostCorrectionNeverReachesTheRequest() {
        var lost = new BucketStore() {
            @Override
            public Shortfall take(BucketId requests, BucketId tokenBucket, long tokens) {
                return null;
            }

            @Override
            public CompletionStage<Void> correct(BucketId requests, BucketId tokenBucket, long tokens) {
                throw new IllegalStateException("connection reset");
            }
        };
        Admission admission = new RateLimitGate(lost).admit(request(1, 1000, 10));

        assertThatCode(() -> admission.settle(delivered(100, 50))).doesNotThrowAnyException();
        assertThatCode(admission::release).doesNotThrowAnyException();
    }

    /** A store whose every operation runs {@code fail}, which throws. */
    private static BucketStore failing(Runnable fail) {
        return new BucketStore() {
            @Override
            public Shortfall take(BucketId requests, BucketId tokenBucket, long tokens) {
                fail.run();
                return null;
            }

            @Override
            public CompletionStage<Void> correct(BucketId requests, BucketId tokenBucket, long tokens) {
                fail.run();
                return null;
            }
        };
    }

    private static GateRequest request(Integer rpm, Integer tpm, int outputTokens) {
        var needs = new Needs(Set.of(), 10, outputTokens, outputTokens);
        var decision = new RouteDecision("m", null, "direct", null, null, needs, List.of(), List.of(), "asked for it");
        return new GateRequest("req_1", caller(rpm, tpm), decision, null, 100);
    }

    private static Caller caller(Integer rpm, Integer tpm) {
        return new Caller("key_1", "user_1", "ws_1", null, Set.of(), false, new KeyLimits(rpm, tpm, null));
    }

    private static RequestRecord delivered(long prompt, long completion) {
        return new RequestRecord("req_1", "key_1", "user_1", "ws_1", null, "m", null, "openai", "gpt-4o-mini", 200, 1,
                true, new Usage(prompt, completion, 0, 0), 0L, 10, 5, "ok");
    }
}
