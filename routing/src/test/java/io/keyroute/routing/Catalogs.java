package io.keyroute.routing;

import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Small catalogs for tests. */
public final class Catalogs {
    private Catalogs() {
    }

    /** Budget models with every chat capability, a huge window and a price of 1/1. */
    public static ModelCatalog of(Target... targets) {
        return new ModelCatalog("test", Arrays.stream(targets).map(t -> model(t, Tier.BUDGET, 1, 1)).toList());
    }

    public static ModelCatalog of(List<ModelInfo> models) {
        return new ModelCatalog("test", models);
    }

    public static ModelInfo model(Target target, Tier tier, double in, double out) {
        return model(target, tier, in, out, 1_000_000, EnumSet.of(Capability.TOOLS, Capability.VISION,
                Capability.JSON_MODE, Capability.STREAMING, Capability.REASONING));
    }

    public static ModelInfo model(Target target, Tier tier, double in, double out, int context, Set<Capability> caps) {
        return new ModelInfo(target, in, out, null, null, null, context, null, tier, caps, "test", "2026-11-21");
    }
}
