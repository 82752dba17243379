package io.keyroute.server.cli;

import io.keyroute.server.config.KeyrouteConfig;
import io.lettuce.core.RedisURI;
import io.keyroute.api.KnownSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers the config's and environment's secrets with the log scrubber, before anything can log
 * them: provider keys, MCP servers' OAuth client secrets, the metrics token, the Redis and database passwords, admin token and master key.
 */
final class ConfigSecrets {
    /** A JDBC URL's password parameter ({@code jdbc:postgresql://host/db?user=u&password=p}). */
    private static final Pattern DATABASE_PASSWORD = Pattern.compile("[?&;]password=([^&;]+)");

    private ConfigSecrets() {
    }

    static void register(KeyrouteConfig config, Map<String, String> env) {
        config.providers().forEach(p -> {
            if (p.apiKey() != null) {
                KnownSecrets.register(p.apiKey());
            }
        });
        config.alerts().webhooks().forEach(hook -> {
            if (hook.secret() != null) {
                KnownSecrets.register(hook.secret());
            }
        });
        config.mcp().servers().forEach(server -> {
            if (server.oauth().clientSecret() != null) {
                KnownSecrets.register(server.oauth().clientSecret());
            }
        });
        if (config.metrics().token() != null) {
            KnownSecrets.register(config.metrics().token());
        }
        if (config.redis() != null) {
            redisPassword(config.redis().url()).ifPresent(KnownSecrets::register);
        }
        Matcher db = DATABASE_PASSWORD.matcher(config.database().url());
        if (db.find()) {
            KnownSecrets.register(db.group(1));
        }
        for (String name : new String[] {"KEYROUTE_ADMIN_TOKEN", "KEYROUTE_MASTER_KEY"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                KnownSecrets.register(value.trim());
            }
        }
    }

    /** The password in a Redis URL ({@code redis://:pw@host}, {@code redis://user:pw@host}), if any. */
    private static Optional<String> redisPassword(String url) {
        try {
            char[] password = RedisURI.create(url).getPassword();
            return password == null || password.length == 0 ? Optional.empty() : Optional.of(new String(password));
        } catch (IllegalArgumentException unparsable) { // the Redis client reports it at start
            return Optional.empty();
        }
    }
}
