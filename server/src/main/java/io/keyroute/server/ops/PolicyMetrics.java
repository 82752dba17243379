package io.keyroute.server.ops;

import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.server.policy.PolicyMatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Per rule: how often it decided (by effect) and how often it could not be evaluated. Rule names are the config's. */
final class PolicyMetrics implements PolicyEvents {
    private final MeterRegistry registry;

    PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void matched(PolicyMatch match) {
        Counter.builder("keyroute.policy.matches").description("Policy rules that decided a request or one of its targets")
                .tags("rule", match.rule(), "effect", match.failed() ? "error" : effect(match))
                .register(registry).increment();
    }

    @Override
    public void failed(String rule) {
        Counter.builder("keyroute.policy.errors").description("Policy rules that could not be evaluated")
                .tag("rule", rule).register(registry).increment();
    }

    /** {@code route}, not the destination: the label keeps to three values. */
    private static String effect(PolicyMatch match) {
        String name = match.effect().configName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
