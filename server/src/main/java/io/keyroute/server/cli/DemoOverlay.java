package io.keyroute.server.cli;

import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code --demo} adds to any config (and again after each reload): the {@code mock}
 * provider, streaming a word every 30 ms so streaming is visible, and its free model
 * {@code mock/mock-1}.
 */
final class DemoOverlay {
    static final String PROVIDER = "mock";
    static final String MODEL = "mock/mock-1";

    private DemoOverlay() {
    }

    static KeyrouteConfig apply(KeyrouteConfig config) {
        List<ProviderSettings> providers = new ArrayList<>(config.providers());
        if (providers.stream().noneMatch(p -> p.id().equals(PROVIDER))) {
            providers.add(new ProviderSettings(PROVIDER, "mock", null, null, null, null, Map.of("chunk_delay_ms", 30)));
        }
        List<ModelSettings> models = new ArrayList<>(config.models());
        if (models.stream().noneMatch(m -> m.id().equals(MODEL))) {
            models.add(new ModelSettings(MODEL, 0.0, 0.0, 0.0, null, null, 128_000, 4_096, "budget", List.of("streaming")));
        }
        return config.withProviders(providers, models);
    }
}
