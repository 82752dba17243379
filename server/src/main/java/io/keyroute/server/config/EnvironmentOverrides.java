package io.keyroute.server.config;

import io.keyroute.server.config.KeyrouteConfig.DatabaseSettings;
import io.keyroute.server.config.KeyrouteConfig.RedisSettings;
import java.util.Map;

/**
 * {@code KEYROUTE_PORT}, {@code KEYROUTE_DATABASE_URL} and {@code KEYROUTE_REDIS_URL}: the
 * environment wins over the file, so one image runs anywhere with the same config file. A blank
 * variable counts as unset. Values are never quoted in errors (a URL may carry a password).
 */
final class EnvironmentOverrides {
    private static final String PORT = "KEYROUTE_PORT";
    private static final String DATABASE_URL = "KEYROUTE_DATABASE_URL";
    private static final String REDIS_URL = "KEYROUTE_REDIS_URL";

    private final Map<String, String> env;

    EnvironmentOverrides(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    KeyrouteConfig apply(KeyrouteConfig config) {
        var server = config.server();
        String port = value(PORT);
        if (port != null) {
            server = server.withListener(server.host(), parsePort(port));
        }
        String databaseUrl = value(DATABASE_URL);
        var database = databaseUrl == null ? config.database() : new DatabaseSettings(databaseUrl);
        String redisUrl = value(REDIS_URL);
        var redis = redisUrl == null ? config.redis() : new RedisSettings(redisUrl);
        return config.withInfrastructure(server, database, redis);
    }

    private String value(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("environment: " + PORT + ": must be a port number in 1..65535");
    }
}
