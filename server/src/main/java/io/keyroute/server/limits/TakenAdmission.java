package io.keyroute.server.limits;

import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.ratelimit.Taken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rate-limited request took, settled with the tokens it really used. Settling runs after
 * the answer went out, so a failing bucket store is logged, never thrown at the request.
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

    private static void quietly(Runnable correction) {
        try {
            correction.run();
        } catch (RuntimeException e) {
            LOG.warn("rate limit correction lost: {}", e.toString());
        }
    }
}
