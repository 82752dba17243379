package io.keyroute.server.ops;

import io.keyroute.catalog.ModelCatalog;
import io.keyroute.routing.health.Health;
import io.keyroute.server.accounting.ModelLabels;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.a2a.A2aEvents;
import io.keyroute.server.guardrails.GuardrailEvents;
import io.keyroute.server.inference.attempts.AttemptListener;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.server.mcp.McpCallEvents;
import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.usage.RequestRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Keyroute's Prometheus metrics, all named {@code keyroute_*}. Fed by the places that already know
 * the facts: {@link #usage()} (one record per finished request), {@link #attempts()} (the runner's
 * failures, retries and fallbacks) and gauges read only when scraped.
 * Labels are provider ids, catalog model names (any other model is {@code other}), statuses and
 * error codes: bounded sets, never a key, request id, user id or a caller's string.
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ModelLabels models = new ModelLabels();
    private final UsageMetrics prometheus = new UsageMetrics(registry, models);
    /** The OTLP metrics once {@link #exportTo} is called; until then (and when telemetry is off) none. */
    private volatile Consumer<RequestRecord> otlp;
    private final UsageSink usage = new UsageSink() {
        @Override
        public void record(RequestRecord record) {
            prometheus.record(record);
            Consumer<RequestRecord> exported = otlp;
            if (exported != null) {
                exported.accept(record);
            }
        }

        @Override
        public void limitRejected(String code) {
            prometheus.limitRejected(code);
        }
    };
    private final UpstreamMetrics attempts = new UpstreamMetrics(registry);
    private final BudgetMetrics budgets = new BudgetMetrics(registry);
    private final PolicyMetrics policies = new PolicyMetrics(registry);
    private final GuardrailMetrics guardrails = new GuardrailMetrics(registry);
    private final A2aMetrics a2a = new A2aMetrics(registry);
    private final McpMetrics mcp = new McpMetrics(registry);
    /** Providers with a circuit gauge: Micrometer warns on each repeated registration, so each is registered once. */
    private final Set<String> circuits = new HashSet<>();
    private Health health;
    private Supplier<? extends Collection<String>> providerIds;

    /**
     * The sink that counts requests, latency, TTFT, tokens, cost and limit rejections (and feeds the
     * OTLP metrics, once {@link #exportTo} is called); compose it with the others.
     */
    public UsageSink usage() {
        return usage;
    }

    /** Feeds every request's record to {@code genAi} too (the OTLP metrics, labelled by {@link #models()}). */
    public void exportTo(Consumer<RequestRecord> genAi) {
        this.otlp = genAi;
    }

    /** How these metrics name models: catalog ids or {@code other}. */
    public ModelLabels models() {
        return models;
    }

    public AttemptListener attempts() {
        return attempts;
    }

    /** The guardrails' evaluations, verdicts, redactions, failures and time. */
    public GuardrailEvents guardrails() {
        return guardrails;
    }

    /** The budget gate's settles: costs above their reservation, failures. */
    public BudgetEvents budgets() {
        return budgets;
    }

    /** Policy rules' matches and evaluation errors, per rule. */
    public PolicyEvents policies() {
        return policies;
    }

    /** Calls to {@code /a2a/{agent}}: per agent, method and outcome, their duration, streamed events. */
    public A2aEvents a2a() {
        return a2a;
    }

    /** Tool calls through {@code /mcp}. */
    public McpCallEvents mcp() {
        return mcp;
    }

    /** Budget settles kept for a retry. */
    public void watchUnsettledBudgets(IntSupplier unsettled) {
        Gauge.builder("keyroute.budget.settles.pending", unsettled::getAsInt)
                .description("Budget settles not yet stored, retried until they are").register(registry);
    }

    /** Models are labelled by this catalog (the current runtime's); until set, the built-in one. */
    public void labelModelsBy(Supplier<ModelCatalog> catalog) {
        models.labelBy(catalog);
    }

    /** Usage events waiting to be written to the database. */
    public void watchLedger(IntSupplier depth) {
        Gauge.builder("keyroute.ledger.queue.depth", depth::getAsInt)
                .description("Usage events queued for the ledger, not yet stored").register(registry);
    }

    /**
     * Circuit state per provider, 0 closed, 1 half-open, 2 open. The ids are read at each scrape
     * because a config reload may add providers.
     */
    public synchronized void watchCircuits(Health health, Supplier<? extends Collection<String>> providerIds) {
        this.health = health;
        this.providerIds = providerIds;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        registerCircuits();
        return registry.scrape();
    }

    private synchronized void registerCircuits() {
        if (health == null) {
            return;
        }
        Health watched = health;
        for (String id : providerIds.get()) {
            if (!circuits.add(id)) {
                continue;
            }
            Gauge.builder("keyroute.circuit.state", () -> switch (watched.provider(id).snapshot().state()) {
                        case CLOSED -> 0;
                        case HALF_OPEN -> 1;
                        case OPEN -> 2;
                    })
                    .description("Provider circuit breaker: 0 closed, 1 half-open, 2 open")
                    .tag("provider", id).register(registry);
        }
    }
}
