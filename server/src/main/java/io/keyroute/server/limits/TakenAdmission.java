package io.keyroute.server.limits;

import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.ratelimit.Taken;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rate-limited request took, settled with the tokens it really used. Corrections are not
 * waited for (the Redis store sends them and moves on), and a failing bucket store is logged,
 * never thrown at the request.
 */
final class TakenAdmission implements Admission {
    private static final Logger LOG = LoggerFactory.getLogger(TakenAdmission.class);

    private final Taken taken;

    TakenAdmission(Taken taken) {
        this.taken = taken;
    }

    /**
     * Prompt plus completion tokens as the provider reported them; a failed request used none. An
     * answer that went out with no usage reported (the caller left mid-stream) keeps its estimate,
     * so leaving early is no way around the limit.
     */
    @Override
    public void settle(RequestRecord record) {
        long used = record.usage().totalTokens();
        boolean unknown = record.provider() != null && used == 0;
        quietly(() -> taken.settle(unknown ? taken.estimate() : used));
    }

    @Override
    public void release() {
        quietly(taken::release);
    }

    private static void quietly(Supplier<CompletionStage<Void>> correction) {
        try {
            correction.get().whenComplete((done, failure) -> {
                if (failure != null) {
                    lost(failure);
                }
            });
        } catch (RuntimeException e) {
            lost(e);
        }
    }

    private static void lost(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.warn("rate limit correction lost: {}", cause.toString());
    }
}
