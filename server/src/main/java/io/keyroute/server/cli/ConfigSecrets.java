package io.keyroute.server.cli;

import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.logging.KnownSecrets;
import java.util.Map;

/** Registers the config's and environment's secrets with the log scrubber, before anything can log them. */
final class ConfigSecrets {
    private ConfigSecrets() {
    }

    static void register(KeyrouteConfig config, Map<String, String> env) {
        config.providers().forEach(p -> {
            if (p.apiKey() != null) {
                KnownSecrets.register(p.apiKey());
            }
        });
        if (config.metrics().token() != null) {
            KnownSecrets.register(config.metrics().token());
        }
        for (String name : new String[] {"KEYROUTE_ADMIN_TOKEN", "KEYROUTE_MASTER_KEY"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                KnownSecrets.register(value.trim());
            }
        }
    }
}
