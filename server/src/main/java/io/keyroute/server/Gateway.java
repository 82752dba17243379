package io.keyroute.server;

import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.stored.LiveConfig;
import io.keyroute.server.http.HttpServer;
import io.keyroute.server.inference.attempts.AttemptRunner;
import io.keyroute.server.inference.attempts.CredentialResolver;
import io.keyroute.server.inference.attempts.SystemCredentialResolver;
import io.keyroute.server.inference.attempts.VaultCredentialResolver;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.management.ConfigEditing;
import io.keyroute.server.mcp.UpstreamAuthorization;
import io.keyroute.server.ops.GatewayMetrics;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.server.guardrails.GuardrailTypes;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Keyroute: the HTTP server and the current runtime, which {@link #apply} swaps whole
 * when the config changes (requests in flight finish on the version they started with).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final AtomicReference<GatewayRuntime> current;
    private final RuntimeFactory factory;
    private final HttpServer http;
    private final UsageSink usage;

    private Gateway(AtomicReference<GatewayRuntime> current, RuntimeFactory factory, HttpServer http, UsageSink usage) {
        this.current = current;
        this.factory = factory;
        this.http = http;
        this.usage = usage;
    }

    /** A gateway serving {@code config}, callers checked by {@code authenticator}; the rest has defaults. */
    public static Builder builder(KeyrouteConfig config, Authenticator authenticator) {
        return new Builder(config, authenticator);
    }

    /** Without a vault: system keys only, no management API. */
    public static Gateway start(KeyrouteConfig config, Authenticator authenticator, UsageSink usage, Clock clock) {
        return builder(config, authenticator).usage(usage).clock(clock).start();
    }

    /** What a gateway is made of; every part but the config and the authenticator is optional. */
    public static final class Builder {
        private final KeyrouteConfig config;
        private final Authenticator authenticator;
        private Vault vault;
        private UsageSink usage = record -> { };
        private GatewayMetrics metrics;
        private Clock clock = Clock.systemUTC();
        private AttemptRunner.Sleeper sleeper = AttemptRunner.Sleeper.real();
        private RequestGate gate = RequestGate.open();
        private RequestGate countGate = RequestGate.open();
        private UpstreamAuthorization mcpAuthorization;
        private Budgets budgets;
        private Telemetry telemetry = Telemetry.off();
        private Alerts alerts;
        private GuardrailTypes guardrailTypes = GuardrailTypes.builtIn();
        private LiveConfig live;

        private Builder(KeyrouteConfig config, Authenticator authenticator) {
            this.config = config;
            this.authenticator = authenticator;
        }

        /** Stored credentials for requests, and the management API (none by default: system keys only). */
        public Builder vault(Vault vault) {
            this.vault = vault;
            return this;
        }

        /** Every finished request. Without {@link #metrics}, it is composed after a metrics sink of the gateway's own. */
        public Builder usage(UsageSink usage) {
            this.usage = usage;
            return this;
        }

        /** Metrics served at {@code /metrics}; {@link #usage} should then include {@code metrics.usage()}. */
        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The pause between retries: tests record backoffs instead of waiting them out. */
        public Builder sleeper(AttemptRunner.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Rate limits and budgets, checked after routing and before the first attempt (none by default). */
        public Builder gate(RequestGate gate) {
            this.gate = gate;
            return this;
        }

        /**
         * The limit of requests that spend nothing, token counts: the key's requests per minute, e.g.
         * {@code RateLimitGate.requestsOnly()} (none by default).
         */
        public Builder countGate(RequestGate countGate) {
            this.countGate = countGate;
            return this;
        }

        /**
         * Serves the budget endpoints ({@code /api/v1/…/budget}, with a vault) over {@code budgets};
         * the gate enforcing them is {@code new BudgetGate(budgets, clock)} in {@link #gate}.
         */
        public Builder budgets(Budgets budgets) {
            this.budgets = budgets;
            return this;
        }

        /**
         * Traces (and OTLP metrics) of the gateway's requests; off by default. The caller closes it,
         * after the gateway (its last spans are flushed then).
         */
        public Builder telemetry(Telemetry telemetry) {
            this.telemetry = telemetry;
            return this;
        }

        /**
         * Raises alerts as circuits open and close and credentials fail validation, and serves
         * {@code GET /api/v1/alerts} (with a vault); budget thresholds come from the budget gate's
         * events ({@code alerts.budgets(...)}). None by default.
         */
        public Builder alerts(Alerts alerts) {
            this.alerts = alerts;
            return this;
        }

        /**
         * What {@code /mcp} sends upstream MCP servers for a caller; by default the credentials the vault holds for
         * them (stored or obtained with OAuth), none without a vault.
         */
        public Builder mcpAuthorization(UpstreamAuthorization mcpAuthorization) {
            this.mcpAuthorization = mcpAuthorization;
            return this;
        }

        /** The guardrail types a config may name (the built-in ones by default); tests add their own. */
        public Builder guardrailTypes(GuardrailTypes types) {
            this.guardrailTypes = types;
            return this;
        }

        /** Serves {@code /api/v1/config} (with a vault): the run-time sections kept in the database. None by default. */
        public Builder liveConfig(LiveConfig live) {
            this.live = live;
            return this;
        }

        public Gateway start() {
            GatewayMetrics served = metrics == null ? new GatewayMetrics() : metrics;
            UsageSink sink = metrics == null ? served.usage().andThen(usage) : usage;
            var factory = new RuntimeFactory(clock, guardrailTypes);
            var current = new AtomicReference<>(factory.build(config));
            CredentialResolver credentials = vault == null
                    ? new SystemCredentialResolver() : new VaultCredentialResolver(vault.resolution());
            HttpServer http = HttpServer.start(new HttpServer.Parts(current::get, authenticator, credentials, vault,
                    gate, countGate, budgets, alerts, sink, served, sleeper, clock, telemetry, mcpAuthorization,
                    live == null ? null : new ConfigEditing(live, factory::check)));
            return new Gateway(current, factory, http, sink);
        }
    }

    /** Applies a validated new config without a restart. Listener settings need one, and say so. */
    public void apply(KeyrouteConfig config) {
        KeyrouteConfig previous = current.get().config();
        if (!Objects.equals(previous.server(), config.server())) {
            LOG.warn("server settings changed in the config; they take effect at the next restart");
        }
        if (!previous.circuitBreaker().equals(config.circuitBreaker())) {
            LOG.warn("circuit_breaker settings changed in the config; they take effect at the next restart");
        }
        current.set(factory.build(config));
        LOG.info("config reloaded: {} providers, {} routes", config.providers().size(), config.routes().size());
    }

    public GatewayRuntime runtime() {
        return current.get();
    }

    public int port() {
        return http.port();
    }

    /** Inference requests in flight now (their records not yet all made). */
    public int inFlight() {
        return http.inFlight();
    }

    /**
     * The first step of a graceful stop: {@code /ready} answers 503 and new inference requests are
     * refused with 503 at once, and requests in flight (streams included) finish, their records made
     * and limits settled, for up to {@code server.drain_ms}. {@link #close} comes next.
     */
    public void drain() throws InterruptedException {
        long drainMs = current.get().config().server().drainMs();
        LOG.info("draining: {} requests in flight, up to {} ms", http.inFlight(), drainMs);
        if (!http.drain(Duration.ofMillis(drainMs))) {
            LOG.warn("{} requests still in flight after server.drain_ms ({} ms); stopping without them",
                    http.inFlight(), drainMs);
        }
    }

    /** Stops serving, then closes the usage sink: the ledger stores what the last requests left. */
    @Override
    public void close() {
        http.close();
        usage.close();
    }
}
