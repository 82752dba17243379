package io.keyroute.server.accounting;

import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.Target;
import io.keyroute.usage.RequestRecord;
import java.util.function.Supplier;

/**
 * The model as metrics name it, Prometheus's and OpenTelemetry's alike: the catalog's name of the model
 * that served the request, or {@link #OTHER} for any model the catalog does not know (a caller may name
 * any, and each name would be a series).
 */
public final class ModelLabels {
    public static final String OTHER = "other";

    private volatile Supplier<ModelCatalog> catalog = ModelCatalog::builtIn;

    /** The catalog in force (a config reload may add models), read at each label. */
    public void labelBy(Supplier<ModelCatalog> catalog) {
        this.catalog = catalog;
    }

    /** The catalog's name of {@code r}'s model, {@link #OTHER}, or null when the request reached no model. */
    public String of(RequestRecord r) {
        if (r.model() == null) {
            return null;
        }
        return catalog.get().find(new Target(r.provider(), r.model())).isPresent() ? r.model() : OTHER;
    }
}
