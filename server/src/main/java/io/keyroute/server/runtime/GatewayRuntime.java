package io.keyroute.server.runtime;

import io.keyroute.providers.Provider;
import io.keyroute.providers.http.Transport;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.RetryPolicy;
import io.keyroute.routing.engine.RoutingEngine;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.experiments.Experiments;
import io.keyroute.server.policy.PolicyRules;
import io.keyroute.server.guardrails.Guardrails;
import io.keyroute.usage.PriceBook;
import java.util.Map;

/**
 * Everything a request needs that comes from the config, built once per config version and
 * swapped whole on reload, so a request sees one consistent version from start to end.
 *
 * @param probes     the transport a {@link CredentialProbe} calls providers through
 * @param policies   the config's policy rules, compiled
 * @param guardrails the config's guardrails, made by their types
 * @param experiments the config's A/B experiments, their arms resolved
 */
public record GatewayRuntime(KeyrouteConfig config, Map<String, Provider> providers, RoutingEngine routing,
                             RetryPolicy retryPolicy, PriceBook prices, Transport probes, PolicyRules policies,
                             Guardrails guardrails, Experiments experiments) {

    public GatewayRuntime {
        providers = Map.copyOf(providers);
    }

    public ModelResolver resolver() {
        return routing.resolver();
    }

    /** A provider the resolver named; the config validator guarantees it exists. */
    public Provider provider(String id) {
        Provider provider = providers.get(id);
        if (provider == null) {
            throw new IllegalStateException("route names unknown provider " + id);
        }
        return provider;
    }
}
