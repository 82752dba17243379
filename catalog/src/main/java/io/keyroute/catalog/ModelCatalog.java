package io.keyroute.catalog;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models Keyroute knows: the built-in data file ({@link CatalogFile}) merged with the
 * config's {@code models:} entries, field by field, the config winning. Immutable.
 */
public final class ModelCatalog {
    private final String version;
    private final Map<Target, ModelInfo> models;

    public ModelCatalog(String version, Collection<ModelInfo> models) {
        this.version = version;
        var byTarget = new LinkedHashMap<Target, ModelInfo>();
        models.forEach(m -> byTarget.put(m.target(), m));
        this.models = java.util.Collections.unmodifiableMap(byTarget);
    }

    /** The catalog shipped in this jar. */
    public static ModelCatalog builtIn() {
        return CatalogFile.BUILT_IN;
    }

    /**
     * This catalog with {@code overrides} applied: a known model keeps every field the override
     * leaves null; an unknown one is added with what it gives (the rest unknown).
     */
    public ModelCatalog withOverrides(List<ModelOverride> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        var merged = new LinkedHashMap<>(models);
        for (ModelOverride o : overrides) {
            Target target = Target.parse(o.id());
            ModelInfo base = merged.get(target);
            merged.put(target, base == null ? added(target, o) : overridden(base, o));
        }
        return new ModelCatalog(version + "+config", merged.values());
    }

    public Optional<ModelInfo> find(Target target) {
        return Optional.ofNullable(models.get(target));
    }

    /** Every model, in file order then config additions. */
    public Collection<ModelInfo> all() {
        return models.values();
    }

    public String version() {
        return version;
    }

    private static ModelInfo added(Target target, ModelOverride o) {
        return new ModelInfo(target, o.inputUsdPerMtok(), o.outputUsdPerMtok(), o.cachedInputUsdPerMtok(),
                o.cacheWriteUsdPerMtok(), o.cacheWrite1hUsdPerMtok(), o.contextWindow(), o.maxOutputTokens(), o.tier() == null ? null : tier(o.tier()),
                capabilities(o.capabilities(), Set.of()), "config", null);
    }

    private static ModelInfo overridden(ModelInfo base, ModelOverride o) {
        boolean priced = o.inputUsdPerMtok() != null || o.outputUsdPerMtok() != null || o.cachedInputUsdPerMtok() != null
                || o.cacheWriteUsdPerMtok() != null || o.cacheWrite1hUsdPerMtok() != null;
        return new ModelInfo(base.target(),
                o.inputUsdPerMtok() != null ? o.inputUsdPerMtok() : base.inputUsdPerMtok(),
                o.outputUsdPerMtok() != null ? o.outputUsdPerMtok() : base.outputUsdPerMtok(),
                o.cachedInputUsdPerMtok() != null ? o.cachedInputUsdPerMtok() : base.cachedInputUsdPerMtok(),
                o.cacheWriteUsdPerMtok() != null ? o.cacheWriteUsdPerMtok() : base.cacheWriteUsdPerMtok(),
                o.cacheWrite1hUsdPerMtok() != null ? o.cacheWrite1hUsdPerMtok() : base.cacheWrite1hUsdPerMtok(),
                o.contextWindow() != null ? o.contextWindow() : base.contextWindow(),
                o.maxOutputTokens() != null ? o.maxOutputTokens() : base.maxOutputTokens(),
                o.tier() != null ? tier(o.tier()) : base.tier(),
                capabilities(o.capabilities(), base.capabilities()),
                priced ? "config" : base.priceSource(),
                priced ? null : base.priceChecked(),
                // the operator's own prices replace ours, premium and tier prices included
                priced ? null : base.longContext(), priced ? Map.of() : base.serviceTiers());
    }

    private static Tier tier(String name) {
        return Tier.fromConfig(name).orElseThrow(() -> new IllegalArgumentException("unknown tier " + name));
    }

    /** An empty or absent list keeps {@code base}: YAML cannot tell "none" from "not given" here. */
    private static Set<Capability> capabilities(List<String> names, Set<Capability> base) {
        if (names == null || names.isEmpty()) {
            return base;
        }
        var set = EnumSet.noneOf(Capability.class);
        for (String name : names) {
            set.add(Capability.fromConfig(name)
                    .orElseThrow(() -> new IllegalArgumentException("unknown capability " + name)));
        }
        return set;
    }
}
