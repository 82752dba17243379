package io.keyroute.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the built-in catalog, {@code catalog.json} beside this class: a versioned list of models
 * with each price's source and the date it was checked. A price source may name an entry of the
 * file's {@code sources} map, which is resolved to its URL here.
 */
final class CatalogFile {
    static final ModelCatalog BUILT_IN = read("catalog.json");

    private CatalogFile() {
    }

    static ModelCatalog read(String resource) {
        try (InputStream in = CatalogFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource missing: " + resource);
            }
            return parse(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("catalog resource unreadable: " + resource, e);
        }
    }

    static ModelCatalog parse(JsonNode root) {
        JsonNode sources = root.path("sources");
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            var capabilities = EnumSet.noneOf(Capability.class);
            for (JsonNode c : m.path("capabilities")) {
                capabilities.add(Capability.fromConfig(c.asText())
                        .orElseThrow(() -> new IllegalStateException("unknown capability " + c + " in catalog")));
            }
            String source = m.path("price_source").asText();
            models.add(new ModelInfo(Target.parse(m.path("id").asText()),
                    m.path("input_usd_per_mtok").asDouble(),
                    m.path("output_usd_per_mtok").asDouble(),
                    optionalPrice(m, "cached_input_usd_per_mtok"),
                    optionalPrice(m, "cache_write_usd_per_mtok"),
                    optionalPrice(m, "cache_write_1h_usd_per_mtok"),
                    m.path("context_window").asInt(),
                    m.path("max_output_tokens").isNumber() ? m.path("max_output_tokens").asInt() : null,
                    Tier.fromConfig(m.path("tier").asText())
                            .orElseThrow(() -> new IllegalStateException("unknown tier in catalog: " + m.path("id"))),
                    capabilities,
                    sources.path(source).asText(source),
                    m.path("price_checked").asText(null),
                    longContext(m.path("long_context")),
                    serviceTiers(m.path("service_tiers"))));
        }
        return new ModelCatalog(root.path("version").asText(), models);
    }

    private static LongContext longContext(JsonNode lc) {
        if (lc.isMissingNode()) {
            return null;
        }
        return new LongContext(lc.path("above_tokens").asInt(), lc.path("input_usd_per_mtok").asDouble(),
                lc.path("output_usd_per_mtok").asDouble(),
                lc.path("context_window").isNumber() ? lc.path("context_window").asInt() : null,
                lc.path("beta").asText(null));
    }

    private static Map<String, TierPrice> serviceTiers(JsonNode tiers) {
        Map<String, TierPrice> prices = new HashMap<>();
        tiers.properties().forEach(tier -> prices.put(tier.getKey(), new TierPrice(
                tier.getValue().path("input_usd_per_mtok").asDouble(),
                optionalPrice(tier.getValue(), "cached_input_usd_per_mtok"),
                tier.getValue().path("output_usd_per_mtok").asDouble())));
        return prices;
    }

    private static Double optionalPrice(JsonNode model, String field) {
        return model.path(field).isNumber() ? model.path(field).asDouble() : null;
    }
}
