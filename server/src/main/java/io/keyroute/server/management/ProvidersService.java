package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.providers.Provider;
import io.keyroute.routing.health.CircuitSnapshot;
import io.keyroute.routing.health.Health;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.runtime.GatewayRuntime;
import java.net.URI;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/providers} and {@code /api/v1/providers/{id}}: each configured provider, its
 * catalog models, and its health (circuit state, recent error rate, p50 latency, the last failure blamed on it
 * or its credentials: when and its status or kind, never the provider's text).
 */
public final class ProvidersService implements HttpService {
    private final Supplier<GatewayRuntime> runtimes;
    private final ManagementCallers auth;
    private final Health health;

    public ProvidersService(Supplier<GatewayRuntime> runtimes, ManagementCallers auth, Health health) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.health = health;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/providers", this::list).get("/providers/{id}", this::one);
    }

    private void list(ServerRequest req, ServerResponse res) {
        try {
            auth.caller(req);
        } catch (GatewayError e) {
            ErrorResponses.sendManagement(res, e);
            return;
        }
        GatewayRuntime runtime = runtimes.get();
        ObjectNode root = Json.MAPPER.createObjectNode();
        var data = root.putArray("data");
        runtime.providers().values().stream()
                .sorted(java.util.Comparator.comparing(Provider::id))
                .forEach(p -> data.add(provider(runtime, p)));
        JsonOut.send(res, 200, root);
    }

    private void one(ServerRequest req, ServerResponse res) {
        try {
            auth.caller(req);
            String id = req.path().pathParameters().get("id");
            Provider provider = runtimes.get().providers().get(id);
            if (provider == null) {
                throw ClientError.notFound("No provider '" + HeaderText.safe(id) + "' is configured.");
            }
            JsonOut.send(res, 200, provider(runtimes.get(), provider));
        } catch (GatewayError e) {
            ErrorResponses.sendManagement(res, e);
        }
    }

    private ObjectNode provider(GatewayRuntime runtime, Provider p) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", p.id());
        node.put("type", p.kind().configName());
        node.put("base_url", withoutSecrets(p.baseUrl()));
        node.put("has_system_key", p.systemCredential().isPresent());
        var models = node.putArray("models");
        for (ModelInfo m : runtime.routing().catalog().all()) {
            if (m.target().providerId().equals(p.id())) {
                models.add(m.target().qualified());
            }
        }
        CircuitSnapshot circuit = health.provider(p.id()).snapshot();
        ObjectNode h = node.putObject("health");
        h.put("circuit", circuit.state().wireName());
        h.put("error_rate", Math.round(circuit.errorRate() * 1000) / 1000d);
        h.put("recent_calls", circuit.calls());
        h.put("consecutive_failures", circuit.consecutiveFailures());
        h.put("next_probe_at", circuit.probeAt() == null ? null : circuit.probeAt().toString());
        OptionalLong p50 = health.latency().providerP50(p.id());
        if (p50.isPresent()) {
            h.put("p50_ms", p50.getAsLong());
        } else {
            h.putNull("p50_ms");
        }
        health.lastError(p.id()).ifPresentOrElse(e -> h.putObject("last_error").put("at", e.at().toString())
                .put("summary", e.summary()), () -> h.putNull("last_error"));
        return node;
    }

    /** Scheme, host, port and path only: user info and query may hold credentials. */
    private static String withoutSecrets(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
