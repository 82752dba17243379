package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.LongContext;
import io.keyroute.catalog.ModelInfo;

/** A catalog model as the management API shows it (snake_case, prices per million tokens). */
final class CatalogJson {
    private CatalogJson() {
    }

    static ObjectNode model(ModelInfo m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", m.target().qualified());
        node.put("provider", m.target().providerId());
        node.put("model", m.target().upstreamModel());
        node.put("input_usd_per_mtok", m.inputUsdPerMtok());
        node.put("output_usd_per_mtok", m.outputUsdPerMtok());
        node.put("cached_input_usd_per_mtok", m.cachedInputUsdPerMtok());
        node.put("cache_write_usd_per_mtok", m.cacheWriteUsdPerMtok());
        node.put("cache_write_1h_usd_per_mtok", m.cacheWrite1hUsdPerMtok());
        node.put("context_window", m.contextWindow());
        node.put("max_output_tokens", m.maxOutputTokens());
        LongContext longContext = m.longContext();
        if (longContext == null) {
            node.putNull("long_context");
        } else { // the whole call at these prices once its prompt is above above_tokens
            node.putObject("long_context").put("above_tokens", longContext.aboveTokens())
                    .put("input_usd_per_mtok", longContext.inputUsdPerMtok())
                    .put("output_usd_per_mtok", longContext.outputUsdPerMtok())
                    .put("context_window", longContext.contextWindow()).put("beta", longContext.beta());
        }
        node.put("tier", m.tier() == null ? null : m.tier().configName());
        var caps = node.putArray("capabilities");
        for (Capability c : Capability.values()) {
            if (m.has(c)) {
                caps.add(c.configName());
            }
        }
        node.put("price_source", m.priceSource());
        node.put("price_checked", m.priceChecked());
        return node;
    }
}
