package io.keyroute.server.config.stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ClientError;
import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edits of the config kept in the database racing each other (both databases): an edit lands only
 * over the sections it was validated with, and deleting a section that is not stored is a 404.
 */
class LiveConfigEditsTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-proj-" + "EditsEditsEdits0123456789abcd"));
    /** Two routes; the alias names the first. */
    private final KeyrouteConfig file = loader.load("""
            providers: [ { id: openai, type: openai, api_key: "${OPENAI_API_KEY}" } ]
            routes:
              - { name: chat, strategy: fallback, candidates: [openai/gpt-4.1] }
              - { name: other, strategy: fallback, candidates: [openai/gpt-4o-mini] }
            aliases: { fast: chat }
            """, "keyroute.yaml");
    private static final String ALIAS_TO_OTHER = "aliases: { quick: other }\n";
    private static final String ONLY_CHAT = "routes: [ { name: chat, strategy: fallback, candidates: [openai/gpt-4.1] } ]\n";
    private static final String CHAT_ON_MINI = """
            routes:
              - { name: chat, strategy: fallback, candidates: [openai/gpt-4o-mini] }
              - { name: other, strategy: fallback, candidates: [openai/gpt-4o-mini] }
            """;

    private Database database;
    private StoredSections sections;
    private LiveConfig live;

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @AfterEach
    void close() {
        live.close();
        database.close();
    }

    private void open(TestDatabase db) {
        database = Database.open(db.url());
        database.migrate();
        sections = new StoredSections(database.jdbc(), new AuditLog(database.jdbc(), Clock.systemUTC()), Clock.systemUTC());
        live = new LiveConfig(loader, () -> file, sections, config -> {
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoEditsOfOtherSectionsEachValidAloneButNotTogetherNeverLandTogether(TestDatabase db) throws Exception {
        open(db);
        // The alias to 'other' is valid over the file's routes; removing 'other' is valid over the file's alias to 'chat'.
        Paused aliases = pauseFirstValidation(check -> live.put("aliases", ALIAS_TO_OTHER, 0, "admin-a", check));
        live.put("routes", ONLY_CHAT, 0, "admin-b", config -> {
        });
        aliases.resume();

        // Its first validation passed; the second, over the routes stored meanwhile, refused it.
        assertThatThrownBy(aliases.result::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(String.join(" ", e.problems()))
                        .contains("aliases.quick", "'other' is neither a route nor provider/model"));
        assertThat(sections.texts()).containsExactly(Map.entry("routes", ONLY_CHAT));
        assertThat(live.reloads().current().aliases()).containsExactly(Map.entry("fast", "chat"));
        assertThat(live.effective().routes()).extracting(KeyrouteConfig.RouteSettings::name).containsExactly("chat");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEditValidatedBeforeAnotherLandedIsValidatedAgainAndLandsWhenTheWholeIsStillValid(TestDatabase db)
            throws Exception {
        open(db);
        Paused aliases = pauseFirstValidation(check -> live.put("aliases", ALIAS_TO_OTHER, 0, "admin-a", check));
        live.put("routes", CHAT_ON_MINI, 0, "admin-b", config -> {
        });
        aliases.resume();

        assertThat(aliases.result.join().content()).isEqualTo(ALIAS_TO_OTHER);
        assertThat(aliases.validations.get()).isEqualTo(2);
        assertThat(sections.texts()).containsOnly(Map.entry("routes", CHAT_ON_MINI), Map.entry("aliases", ALIAS_TO_OTHER));
        assertThat(live.reloads().current().aliases()).containsExactly(Map.entry("quick", "other"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingASectionThatIsNotStoredIsNotFoundAndChangesNothing(TestDatabase db) {
        open(db);
        live.put("routes", ONLY_CHAT, 0, "admin", config -> {
        });
        long revision = sections.revision();
        int audited = audited();

        assertThatThrownBy(() -> live.delete("aliases", 0, "admin", config -> {
        })).isInstanceOfSatisfying(ClientError.class, e -> {
            assertThat(e.code()).isEqualTo("not_found");
            assertThat(e.getMessage()).contains("'aliases'");
        });
        assertThat(sections.revision()).as("the bump rolled back").isEqualTo(revision);
        assertThat(audited()).as("nothing audited").isEqualTo(audited);
        assertThat(sections.texts()).containsExactly(Map.entry("routes", ONLY_CHAT));
    }

    private int audited() {
        return new AuditLog(database.jdbc(), Clock.systemUTC()).between(Instant.EPOCH, Instant.now().plusSeconds(60)).size();
    }

    /** An edit run on another thread whose first validation is held until {@link #resume}, after another edit landed. */
    private record Paused(CompletableFuture<StoredSection> result, AtomicInteger validations, CountDownLatch go) {
        void resume() {
            go.countDown();
        }
    }

    /** Runs {@code edit} with a check whose first call waits for {@link Paused#resume}. */
    private Paused pauseFirstValidation(Function<Consumer<KeyrouteConfig>, StoredSection> edit) throws InterruptedException {
        var validations = new AtomicInteger();
        var validated = new CountDownLatch(1);
        var go = new CountDownLatch(1);
        Consumer<KeyrouteConfig> check = config -> {
            if (validations.incrementAndGet() == 1) {
                validated.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var result = CompletableFuture.supplyAsync(() -> edit.apply(check));
        assertThat(validated.await(10, TimeUnit.SECONDS)).as("the edit reached its validation").isTrue();
        return new Paused(result, validations, go);
    }
}
