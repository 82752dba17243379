package io.keyroute.testkit.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The databases and Redis an integration test runs against. PostgreSQL and Redis come from
 * {@code KEYROUTE_TEST_POSTGRES_URL} / {@code KEYROUTE_TEST_REDIS_URL}; when one is absent the
 * test is skipped with a printed reason, unless {@code KEYROUTE_TEST_REQUIRE_SERVICES=true}
 * (CI), where absence is a failure.
 */
public final class TestServices {
    private TestServices() {
    }

    /** A named JDBC URL for a test: a fresh SQLite file, or a fresh PostgreSQL schema. */
    public record TestDatabase(String name, String url) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** SQLite always; PostgreSQL when configured (a new schema per call, so runs never share rows). */
    public static List<TestDatabase> databases() {
        List<TestDatabase> all = new ArrayList<>();
        all.add(sqlite());
        postgresUrl().ifPresent(base -> all.add(new TestDatabase("postgresql", freshSchema(base))));
        return all;
    }

    public static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("keyroute-test-db");
            return new TestDatabase("sqlite", "jdbc:sqlite:" + dir.resolve("keyroute.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<String> postgresUrl() {
        return required("KEYROUTE_TEST_POSTGRES_URL", "PostgreSQL");
    }

    public static Optional<String> redisUrl() {
        return required("KEYROUTE_TEST_REDIS_URL", "Redis");
    }

    private static Optional<String> required(String variable, String what) {
        Map<String, String> env = System.getenv();
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.trim());
        }
        if ("true".equalsIgnoreCase(env.get("KEYROUTE_TEST_REQUIRE_SERVICES"))) {
            throw new IllegalStateException(variable + " is not set but KEYROUTE_TEST_REQUIRE_SERVICES=true");
        }
        System.out.println("[keyroute-test] " + what + " tests skipped: " + variable + " is not set");
        return Optional.empty();
    }

    private static String freshSchema(String baseUrl) {
        String schema = "kr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(baseUrl, "CREATE SCHEMA " + schema);
        // The test JVM drops what it created when it exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE")));
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String baseUrl, String sql) {
        try (var c = DriverManager.getConnection(baseUrl); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' in " + baseUrl.replaceAll("password=[^&]*", "password=…"), e);
        }
    }
}
