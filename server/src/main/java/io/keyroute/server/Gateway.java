package io.keyroute.server;

import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.http.HttpServer;
import io.keyroute.server.metrics.GatewayMetrics;
import io.keyroute.server.pipeline.AttemptRunner;
import io.keyroute.server.pipeline.CredentialResolver;
import io.keyroute.server.pipeline.SystemCredentialResolver;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.server.usage.UsageSink;
import io.keyroute.server.vault.VaultCredentialResolver;
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

    /** Without a vault: system keys only, no management API. */
    public static Gateway start(KeyrouteConfig config, Authenticator authenticator, UsageSink usage, Clock clock) {
        return start(config, authenticator, null, usage, clock, AttemptRunner.Sleeper.real());
    }

    /** As above, with the pause between retries injected: tests record backoffs instead of waiting them out. */
    public static Gateway start(KeyrouteConfig config, Authenticator authenticator, UsageSink usage, Clock clock,
                                AttemptRunner.Sleeper sleeper) {
        return start(config, authenticator, null, usage, clock, sleeper);
    }

    /** With the vault: stored credentials for requests, and the management API. */
    public static Gateway start(KeyrouteConfig config, Authenticator authenticator, Vault vault, UsageSink usage,
                                Clock clock) {
        return start(config, authenticator, vault, usage, clock, AttemptRunner.Sleeper.real());
    }

    /** With metrics of its own: {@code usage} is composed after the metrics sink. */
    public static Gateway start(KeyrouteConfig config, Authenticator authenticator, Vault vault, UsageSink usage,
                                Clock clock, AttemptRunner.Sleeper sleeper) {
        var metrics = new GatewayMetrics();
        return start(config, authenticator, vault, metrics.usage().andThen(usage), metrics, clock, sleeper);
    }

    /**
     * @param vault   null for none: system keys only, no management API
     * @param usage   every finished request; it should include {@code metrics.usage()}
     * @param metrics served at {@code /metrics}
     */
    public static Gateway start(KeyrouteConfig config, Authenticator authenticator, Vault vault, UsageSink usage,
                                GatewayMetrics metrics, Clock clock, AttemptRunner.Sleeper sleeper) {
        var factory = new RuntimeFactory(clock);
        var current = new AtomicReference<>(factory.build(config));
        var server = config.server();
        CredentialResolver credentials = vault == null
                ? new SystemCredentialResolver() : new VaultCredentialResolver(vault.resolution());
        HttpServer http = HttpServer.start(server.host(), server.port(), Duration.ofMillis(server.sseHeartbeatMs()),
                current::get, authenticator, credentials, vault, usage, metrics, sleeper, clock);
        return new Gateway(current, factory, http, usage);
    }

    /** Applies a validated new config without a restart. Listener settings need one, and say so. */
    public void apply(KeyrouteConfig config) {
        KeyrouteConfig previous = current.get().config();
        if (!Objects.equals(previous.server(), config.server())) {
            LOG.warn("server settings changed in the config; they take effect at the next restart");
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

    /** Stops serving, then closes the usage sink: the ledger stores what the last requests left. */
    @Override
    public void close() {
        http.close();
        usage.close();
    }
}
