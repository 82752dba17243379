package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No error message or {@code toString()} ever shows a key or a password, whatever is broken. */
class ConfigSecretsTest {
    private static final String KEY = "sk-proj-Zq8XvT3kLm9PwR2nYb7Hc4Jd";
    /** A secret with no recognisable key prefix, so masking by shape cannot be what saves it. */
    private static final String PLAIN = "Zq8XvT3kLm9PwR2nYb7Hc4JdQQ";
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", KEY, "DB_PASSWORD", PLAIN);

    static Stream<String> brokenConfigs() {
        return Stream.of(
                // syntax error on the key's own line
                "providers:\n  - id: openai\n    type: openai\n    api_key: " + PLAIN + ": x\n",
                "providers:\n  - id: openai\n    type: openai\n    api_key: \"" + PLAIN + "\\q\"\n",
                "providers:\n  - id: openai\n    type: openai\n\tapi_key: " + PLAIN + "\n",
                "providers:\n  - { id: openai, type: openai, api_key: " + PLAIN + "\n",
                // wrong type, unknown key, duplicate key holding the key
                "providers: [ { id: openai, type: openai, api_key: [" + PLAIN + "] } ]",
                "providers: [ { id: openai, type: openai, api_key: { " + PLAIN + ": 1 } } ]",
                "providers: [ { id: openai, type: openai, apikey: " + PLAIN + " } ]",
                "providers: [ { id: openai, type: openai, api_key: a, api_key: " + PLAIN + " } ]",
                "providers: [ { id: openai, type: openai, timeout_ms: " + PLAIN + " } ]",
                // valid key, invalid everything else
                "providers: [ { id: openai, type: opnai, base_url: 'ftp://u:" + PLAIN + "@h',"
                        + " api_key: " + PLAIN + " } ]",
                "providers: [ { id: openai, type: openai, api_key: ${OPENAI_API_KEY}, timeout_ms: 0 } ]",
                "providers: [ { id: openai, type: openai, api_key: ${OPENAI_API_KEY} } ]\nroutes: [ { name: x } ]",
                "database: { url: 'jdbc:mysql://u:${DB_PASSWORD}@h/db' }",
                "database: { url: 'postgres://h/db?password=${DB_PASSWORD}' }",
                "redis: { url: 'http://:${DB_PASSWORD}@cache' }",
                "providers: [ { id: openai, type: openai, base_url: 'https://h/?key=${OPENAI_API_KEY}' ]");
    }

    @ParameterizedTest
    @MethodSource("brokenConfigs")
    void errorMessagesNeverContainASecret(String yaml) {
        String message;
        try {
            new ConfigLoader(ENV).load(yaml, "keyroute.yaml");
            throw new AssertionError("expected the config to be rejected");
        } catch (ConfigException e) {
            message = e.getMessage();
        }
        assertThat(message).startsWith("keyroute.yaml: ");
        assertNoSecret(message);
    }

    @Test
    void substitutionErrorsNeverContainASecret() {
        var loader = new ConfigLoader(ENV);
        try {
            loader.load("a: ${OPENAI_API_KEY} ${MISSING} ${" + PLAIN + "\n", "keyroute.yaml");
            throw new AssertionError("expected the config to be rejected");
        } catch (ConfigException e) {
            assertNoSecret(e.getMessage());
        }
    }

    @Test
    void aLoadedConfigPrintsMasked() {
        var config = new ConfigLoader(ENV).load("""
                database: { url: "jdbc:postgresql://db/k?user=kr&password=${DB_PASSWORD}" }
                redis: { url: "redis://default:${DB_PASSWORD}@cache:6379" }
                providers: [ { id: openai, type: openai, api_key: "${OPENAI_API_KEY}" } ]
                """, "keyroute.yaml");

        assertThat(config.providers().getFirst().apiKey()).isEqualTo(KEY);
        assertNoSecret(config.toString());
        assertThat(config.toString()).contains("apiKey=sk-…" + KEY.substring(KEY.length() - 4))
                .contains("password=***").contains("redis://***@cache:6379");
    }

    static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(KEY).doesNotContain(PLAIN)
                .doesNotContain(KEY.substring(8, 20)).doesNotContain(PLAIN.substring(4, 16));
    }
}
