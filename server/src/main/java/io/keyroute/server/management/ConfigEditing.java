package io.keyroute.server.management;

import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.stored.LiveConfig;
import java.util.function.Consumer;

/**
 * What {@code /api/v1/config} edits: the database's sections over the file, and the check of what
 * only building a runtime finds ({@code RuntimeFactory::check}), asked before a change is stored.
 */
public record ConfigEditing(LiveConfig live, Consumer<KeyrouteConfig> check) {
}
