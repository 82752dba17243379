package io.keyroute.server.runtime;

import io.keyroute.api.Secret;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.ProviderType;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.mock.MockSettings;
import io.keyroute.providers.mock.MockTransport;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.RetryPolicy;
import io.keyroute.routing.Route;
import io.keyroute.routing.Target;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a {@link GatewayRuntime} from a validated config. HTTP transports are kept across
 * reloads for providers whose connection settings did not change, so a reload does not drop
 * warm connections.
 */
public final class RuntimeFactory {
    private final Clock clock;
    private final ProviderErrors errors;
    private final Map<TransportKey, Transport> transports = new ConcurrentHashMap<>();
    private final UpstreamDns dns = new UpstreamDns();

    public RuntimeFactory(Clock clock) {
        this.clock = clock;
        this.errors = new ProviderErrors(clock);
    }

    public GatewayRuntime build(KeyrouteConfig config) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ProviderSettings settings : config.providers()) {
            providers.put(settings.id(), provider(settings, config.server().upstreamConnections()));
        }
        dns.update(providers.values().stream().map(Provider::baseUrl).toList(), config.security().allowPrivateBaseUrls());
        List<Route> routes = config.routes().stream()
                .map(r -> new Route(r.name(), r.strategy(), targets(r.candidates()), targets(r.fallback())))
                .toList();
        List<Target> catalog = config.models().stream().map(m -> Target.parse(m.id())).toList();
        var retry = config.retry();
        var policy = new RetryPolicy(retry.maxAttempts(), Duration.ofMillis(retry.backoffMs()),
                Duration.ofMillis(retry.maxBackoffMs()), () -> ThreadLocalRandom.current().nextDouble());
        return new GatewayRuntime(config, providers, new ModelResolver(providers.keySet(), routes, catalog), policy);
    }

    private Provider provider(ProviderSettings settings, int connections) {
        ProviderType type = ProviderType.fromConfigName(settings.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown provider type " + settings.type()));
        String baseUrl = Optional.ofNullable(settings.baseUrl()).or(type::defaultBaseUrl)
                .orElseThrow(() -> new IllegalArgumentException("provider " + settings.id() + " needs base_url"));
        Optional<Credential> system = Optional.ofNullable(settings.apiKey())
                .map(key -> new Credential("system:" + settings.id(), Secret.of(key)));
        if (type == ProviderType.MOCK) {
            system = Optional.of(new Credential("system:" + settings.id(), Secret.of("mock")));
        }
        return new Provider(settings.id(), type, URI.create(baseUrl), adapter(type), transport(type, settings, connections),
                Duration.ofMillis(settings.timeoutMs()), system);
    }

    private ProviderAdapter adapter(ProviderType type) {
        return switch (type) {
            case OPENAI, OPENAI_COMPATIBLE, MOCK -> new OpenAiAdapter(errors);
            case ANTHROPIC, GEMINI -> new UnsupportedAdapter(type);
        };
    }

    private Transport transport(ProviderType type, ProviderSettings settings, int connections) {
        if (type == ProviderType.MOCK) {
            return new MockTransport(MockSettings.fromOptions(settings.options()), clock);
        }
        var key = new TransportKey(Duration.ofMillis(settings.connectTimeoutMs()), connections);
        return transports.computeIfAbsent(key, k -> new HelidonTransport(k.connectTimeout(), k.connections(), dns));
    }

    private static List<Target> targets(List<String> qualified) {
        return qualified.stream().map(Target::parse).toList();
    }

    private record TransportKey(Duration connectTimeout, int connections) {
    }
}
