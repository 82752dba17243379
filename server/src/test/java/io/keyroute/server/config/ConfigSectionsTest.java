package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.keyroute.api.Json;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The database's sections over the file: whole-section override, the same validation, no secret kept or shown. */
class ConfigSectionsTest {
    private static final String KEY = "sk-proj-" + "SectionsSectionsSections0123456789";
    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_API_KEY", KEY, "CHEAP", "openai/gpt-4o-mini"));
    private final KeyrouteConfig file = loader.load("""
            providers: [ { id: openai, type: openai, api_key: "${OPENAI_API_KEY}" } ]
            routes: [ { name: chat, strategy: fallback, candidates: [openai/gpt-4.1] } ]
            aliases: { fast: chat, sonnet: openai/gpt-4.1 }
            """, "keyroute.yaml");

    @Test
    void aStoredSectionReplacesTheFilesSectionWholeAndLeavesTheOthers() {
        KeyrouteConfig merged = loader.withSections(file, Map.of("aliases", "aliases:\n  quick: ${CHEAP}\n"));

        assertThat(merged.aliases()).containsExactly(Map.entry("quick", "openai/gpt-4o-mini"));
        assertThat(merged.routes()).isEqualTo(file.routes());
        assertThat(merged.providers()).isEqualTo(file.providers());
        assertThat(loader.withSections(file, Map.of())).isSameAs(file);
    }

    @Test
    void theMergedConfigPassesTheFilesValidatorAndEveryProblemNamesItsSection() {
        assertThatThrownBy(() -> loader.withSections(file, Map.of(
                "routes", "routes: [ { name: chat, strategy: fallback, candidates: [nowhere/x] } ]",
                "aliases", "aliases: [ not, a, mapping ]")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).startsWith("database config aliases: aliases: expected a mapping")));
        assertThatThrownBy(() -> loader.withSections(file, Map.of(
                "routes", "routes: [ { name: chat, strategy: fallback, candidates: [nowhere/x] } ]")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(
                        p -> assertThat(p).startsWith("database config: routes[0]").contains("nowhere")));
    }

    @Test
    void aStoredSectionHoldsOnlyItsOwnKeyAndOnlyRunTimeSections() {
        assertThatThrownBy(() -> loader.withSections(file, Map.of("aliases", "aliases: {}\nroutes: []\n")))
                .hasMessageContaining("database config aliases: must hold exactly one top-level key, 'aliases:'");
        assertThatThrownBy(() -> loader.withSections(file, Map.of("server", "server: { port: 9 }")))
                .hasMessageContaining("not a section the database may hold");
    }

    @Test
    void aSecretIsRefusedInClearAndAcceptedAsAReference() {
        String literal = "providers: [ { id: openai, type: openai, api_key: " + KEY + " } ]";
        assertThatThrownBy(() -> loader.withSections(file, Map.of("providers", literal)))
                .hasMessageContaining("providers[0].api_key: a secret is not kept in the database")
                .hasMessageNotContaining(KEY);
        String inAnOption = "mcp: { servers: [ { id: docs, url: \"https://docs.example.com/mcp?x=" + KEY + "\" } ] }";
        assertThatThrownBy(() -> loader.withSections(file, Map.of("mcp", inAnOption)))
                .hasMessageContaining("mcp.servers[0].url: a secret is not kept");

        KeyrouteConfig referenced = loader.withSections(file, Map.of("providers",
                "providers: [ { id: openai, type: openai, api_key: \"${OPENAI_API_KEY}\", timeout_ms: 5000 } ]"));
        assertThat(referenced.providers().getFirst().apiKey()).isEqualTo(KEY);
        assertThat(referenced.providers().getFirst().timeoutMs()).isEqualTo(5000L);
        assertThat(referenced.providers()).as("the built-in providers are still known").hasSizeGreaterThan(1);
    }

    @Test
    void whatIsShownMasksEverySecretAndKeepsReferences() throws Exception {
        var shown = ConfigSections.shown(file);

        assertThat(shown.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(10));
        assertThat(shown.at("/providers/0/api_key").asText()).isEqualTo("***");
        assertThat(shown.at("/aliases/fast").asText()).isEqualTo("chat");
        var masked = ConfigSections.masked(Json.MAPPER.readTree("""
                {"headers": {"X-Team": "ops"}, "url": "https://user:pw@host/x", "token": "${TOKEN}", "note": "%s"}
                """.formatted(KEY)));
        assertThat(masked.at("/headers/X-Team").asText()).isEqualTo("***");
        assertThat(masked.get("url").asText()).isEqualTo("https://***@host/x");
        assertThat(masked.get("token").asText()).isEqualTo("${TOKEN}");
        assertThat(masked.get("note").asText()).doesNotContain(KEY);
    }

    @Test
    void everyRunTimeSectionIsATopLevelKeyOfTheConfig() {
        var snake = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        assertThat(Arrays.stream(KeyrouteConfig.class.getRecordComponents()).map(RecordComponent::getName)
                .map(snake::translate)).containsAll(ConfigSections.RUNTIME);
    }
}
