package io.keyroute.server.runtime;

import io.helidon.common.LazyValue;
import io.keyroute.api.Secret;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelOverride;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.ProviderCapability;
import io.keyroute.providers.ProviderKind;
import io.keyroute.providers.ProviderRegistry;
import io.keyroute.providers.http.Transport;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.ModelSpellings;
import io.keyroute.routing.RetryPolicy;
import io.keyroute.routing.Route;
import io.keyroute.routing.complexity.Complexity;
import io.keyroute.routing.engine.RoutingEngine;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.experiments.Experiments;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.policy.PolicyRules;
import io.keyroute.server.guardrails.GuardrailTypes;
import io.keyroute.server.guardrails.Guardrails;
import io.keyroute.usage.PriceBook;
import io.keyroute.vault.net.BaseUrlGuard;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a {@link GatewayRuntime} from a validated config. HTTP transports are kept across
 * reloads for providers whose connection settings did not change, so a reload does not drop
 * warm connections.
 */
public final class RuntimeFactory {
    /** Probes are rare and short: a few connections are plenty. */
    private static final int PROBE_CONNECTIONS = 4;
    private final Clock clock;
    private final ProviderRegistry kinds = ProviderRegistry.builtIn();
    private final Map<TransportKey, Transport> transports = new ConcurrentHashMap<>();
    private final ConfiguredOrigins configuredOrigins = new ConfiguredOrigins();
    private volatile boolean allowPrivateBaseUrls;
    private final BaseUrlGuard guard = new BaseUrlGuard(() -> allowPrivateBaseUrls);
    /**
     * Credential probes: the upstream transport with the probe's own connect bound, built at the
     * first probe (most gateways never validate a credential; a client costs start-up time).
     */
    private final LazyValue<Transport> probeTransport = LazyValue.create(() -> new UpstreamTransport(
            CredentialProbe.TIMEOUT, PROBE_CONNECTIONS, configuredOrigins, guard));
    private final Transport probes = (providerId, request, idleTimeout) ->
            probeTransport.get().send(providerId, request, idleTimeout);

    private final GuardrailTypes guardrailTypes;

    public RuntimeFactory(Clock clock) {
        this(clock, GuardrailTypes.builtIn());
    }

    /** @param guardrailTypes the types a config's guardrails may name */
    public RuntimeFactory(Clock clock, GuardrailTypes guardrailTypes) {
        this.clock = clock;
        this.guardrailTypes = guardrailTypes;
    }

    /**
     * Finds what only building {@code config}'s runtime finds, without building it (an edit is checked
     * before it is stored).
     *
     * @throws io.keyroute.server.config.ConfigException when a guardrail's type refuses its settings
     */
    public void check(KeyrouteConfig config) {
        Guardrails.build(config.guardrails(), guardrailTypes);
    }

    /** @throws io.keyroute.server.config.ConfigException when a guardrail's type refuses its settings */
    public GatewayRuntime build(KeyrouteConfig config) {
        Guardrails guardrails = Guardrails.build(config.guardrails(), guardrailTypes);
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ProviderSettings settings : config.providers()) {
            providers.put(settings.id(), provider(settings, config.server().upstreamConnections()));
        }
        configuredOrigins.update(providers.values().stream().map(Provider::baseUrl).toList());
        allowPrivateBaseUrls = config.security().allowPrivateBaseUrls();
        Map<String, String> modelPrefixes = new LinkedHashMap<>();
        providers.forEach((id, p) -> p.kind().modelPrefix().ifPresent(prefix -> modelPrefixes.put(id, prefix)));
        var spellings = new ModelSpellings(modelPrefixes);
        List<Route> routes = config.routes().stream().map(r -> route(r, spellings)).toList();
        ModelCatalog catalog = ModelCatalog.builtIn().withOverrides(config.models().stream()
                .map(RuntimeFactory::override).toList());
        var retry = config.retry();
        var retryPolicy = new RetryPolicy(retry.maxAttempts(), Duration.ofMillis(retry.backoffMs()),
                Duration.ofMillis(retry.maxBackoffMs()), retry.maxTotalAttempts(), Duration.ofMillis(retry.maxTotalMs()),
                () -> ThreadLocalRandom.current().nextDouble());
        var routing = new RoutingEngine(new ModelResolver(providers.keySet(), spellings, routes, catalog,
                config.aliases()), catalog, responsesApiProviders(providers));
        return new GatewayRuntime(config, providers, routing, retryPolicy, new PriceBook(catalog), probes,
                PolicyRules.compile(config.policies()), guardrails,
                Experiments.of(config.experiments(), routing.resolver()));
    }

    /** The providers that are OpenAI's own Responses API: routing leaves the others out of what only it serves. */
    private static Set<String> responsesApiProviders(Map<String, Provider> providers) {
        Set<String> ids = new HashSet<>();
        providers.forEach((id, p) -> {
            if (p.kind().capabilities().contains(ProviderCapability.OPENAI_RESPONSES_API)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A route's models as the catalog names them (a provider's own spelling is its catalog model). */
    private static Route route(RouteSettings r, ModelSpellings spellings) {
        Map<Target, Integer> weights = new LinkedHashMap<>();
        r.weights().forEach((model, weight) -> weights.put(spellings.canonical(Target.parse(model)), weight));
        Map<Complexity, Tier> tiers = new EnumMap<>(Complexity.class);
        r.tiers().forEach((level, tier) -> tiers.put(Complexity.valueOf(level.toUpperCase(Locale.ROOT)),
                Tier.fromConfig(tier).orElseThrow()));
        return new Route(r.name(), r.strategy(), targets(r.candidates(), spellings), targets(r.fallback(), spellings),
                weights, tiers);
    }

    private static ModelOverride override(ModelSettings m) {
        return new ModelOverride(m.id(), m.inputUsdPerMtok(), m.outputUsdPerMtok(), m.cachedInputUsdPerMtok(),
                m.cacheWriteUsdPerMtok(), m.cacheWrite1hUsdPerMtok(), m.contextWindow(), m.maxOutputTokens(), m.tier(), m.capabilities());
    }

    private Provider provider(ProviderSettings settings, int connections) {
        ProviderKind kind = kinds.find(settings.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown provider type " + settings.type()));
        String baseUrl = Optional.ofNullable(settings.baseUrl()).or(kind::defaultBaseUrl)
                .orElseThrow(() -> new IllegalArgumentException("provider " + settings.id() + " needs base_url"));
        Optional<Credential> system = kind.builtInKey().or(() -> Optional.ofNullable(settings.apiKey()).map(Secret::of))
                .map(key -> Credential.system(settings.id(), key));
        return new Provider(settings.id(), kind, URI.create(baseUrl), kind.newAdapter(clock),
                transport(kind, settings, connections), Duration.ofMillis(settings.timeoutMs()), system);
    }

    /** The kind's own transport (the mock's), else the shared HTTP one for these connection settings. */
    private Transport transport(ProviderKind kind, ProviderSettings settings, int connections) {
        return kind.ownTransport(settings.options(), clock).orElseGet(() -> transports.computeIfAbsent(
                new TransportKey(Duration.ofMillis(settings.connectTimeoutMs()), connections),
                k -> new UpstreamTransport(k.connectTimeout(), k.connections(), configuredOrigins, guard)));
    }

    private static List<Target> targets(List<String> qualified, ModelSpellings spellings) {
        return qualified.stream().map(Target::parse).map(spellings::canonical).toList();
    }

    private record TransportKey(Duration connectTimeout, int connections) {
    }
}
