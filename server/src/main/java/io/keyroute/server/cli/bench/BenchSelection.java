package io.keyroute.server.cli.bench;

import io.keyroute.api.Usage;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.Price;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which providers a run measures, with which model: the providers asked for (default: every
 * configured one), each with the model {@code --models} names for it, else its cheapest chat model
 * in the catalog (priced for 1,000 prompt and 500 completion tokens).
 */
record BenchSelection(List<BenchTarget> targets, List<Skipped> skipped) {
    private static final Usage REFERENCE_WORK = new Usage(1_000, 500, 0, 0);

    /** @throws IllegalArgumentException for an unknown provider, or a model of a provider not chosen */
    static BenchSelection of(GatewayRuntime runtime, List<String> providers, List<String> models) {
        List<String> configured = runtime.config().providers().stream().map(ProviderSettings::id).toList();
        List<String> chosen = providers.isEmpty() ? configured : providers;
        for (String id : chosen) {
            if (!configured.contains(id)) {
                throw new IllegalArgumentException("unknown provider '" + id + "'; configured: " + String.join(", ", configured));
            }
        }
        Map<String, Target> named = new LinkedHashMap<>();
        for (String model : models) {
            if (model.indexOf('/') <= 0) {
                throw new IllegalArgumentException("--models takes provider/model, not '" + model + "'");
            }
            Target target = Target.parse(model);
            if (!chosen.contains(target.providerId())) {
                throw new IllegalArgumentException("--models names '" + model + "', but provider '" + target.providerId()
                        + "' is not among the providers benched (" + String.join(", ", chosen) + ")");
            }
            named.put(target.providerId(), target);
        }
        List<BenchTarget> targets = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String provider : chosen) {
            Optional<Target> model = Optional.ofNullable(named.get(provider)).or(() -> cheapestChatModel(runtime, provider));
            model.ifPresentOrElse(m -> targets.add(new BenchTarget(provider, m)), () -> skipped.add(new Skipped(provider,
                    "no priced chat model in the catalog; name one with --models " + provider + "/MODEL")));
        }
        return new BenchSelection(targets, skipped);
    }

    private static Optional<Target> cheapestChatModel(GatewayRuntime runtime, String provider) {
        return runtime.routing().catalog().all().stream()
                .filter(m -> m.target().providerId().equals(provider) && !m.has(Capability.EMBEDDINGS))
                .filter(m -> Price.of(m).isPresent())
                .min(Comparator.comparingLong((ModelInfo m) -> CostCalculator.micros(Price.of(m).orElseThrow(), REFERENCE_WORK))
                        .thenComparing(m -> m.target().qualified()))
                .map(ModelInfo::target);
    }
}
