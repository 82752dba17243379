package io.keyroute.server.inference;

import io.keyroute.server.inference.attempts.AttemptRunner;
import io.keyroute.server.inference.attempts.CallerPlan;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.runtime.GatewayRuntime;

/**
 * The last step: the plan's attempts with retries and failover, each built and delivered by the
 * endpoint (see {@link InferenceExchange#build} and {@link InferenceExchange#deliver}).
 */
final class RunAttempts implements Step {
    private final AttemptRunner runner;

    RunAttempts(AttemptRunner runner) {
        this.runner = runner;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        GatewayRuntime runtime = exchange.runtime();
        boolean ownKeysAllowed = CallerPlan.of(runtime.config(), exchange.caller()).ownKeysAllowed();
        return runner.run(runtime, exchange, exchange.decision().plan(), exchange.caller(), exchange.credentials(),
                ownKeysAllowed, exchange);
    }
}
