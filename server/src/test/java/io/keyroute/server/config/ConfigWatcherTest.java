package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigWatcherTest {
    private static final String KEY = "sk-proj-Zq8XvT3kLm9PwR2nYb7Hc4Jd";

    @TempDir
    Path dir;
    private Path file;
    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_API_KEY", KEY));
    private final BlockingQueue<KeyrouteConfig> applied = new LinkedBlockingQueue<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger watcherLogger = (Logger) LoggerFactory.getLogger(ConfigReloads.class);

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("keyroute.yaml");
        write(8081);
        logs.start();
        watcherLogger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        watcherLogger.detachAppender(logs);
    }

    private void write(int port) throws IOException {
        Files.writeString(file, config(port));
    }

    private static String config(int port) {
        return "server: { port: " + port + " }\n"
                + "providers: [ { id: openai, type: openai, api_key: ${OPENAI_API_KEY} } ]\n";
    }

    private ConfigWatcher watcher() {
        return new ConfigWatcher(file, loader, loader.load(file), applied::add, Duration.ofMillis(50));
    }

    private List<ILoggingEvent> errors() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }

    @Test
    void reloadNowAppliesAValidChange() throws IOException {
        try (var watcher = watcher()) {
            write(8082);
            watcher.reloadNow();
        }
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.server().port()).isEqualTo(8082));
        assertThat(errors()).isEmpty();
    }

    @Test
    void anInvalidChangeIsLoggedOnceAndTheRunningConfigKept() throws IOException {
        try (var watcher = watcher()) {
            write(0);
            watcher.reloadNow();

            assertThat(applied).isEmpty();
            assertThat(errors()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains(file.toString(), "keeping the running config", "server.port: 0 is not in 1..65535")
                    .doesNotContain(KEY).doesNotContain("\n"));

            write(8083);
            watcher.reloadNow();
        }
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.server().port()).isEqualTo(8083));
    }

    @Test
    void aReloadWithAnAliasOfAnAliasKeepsTheRunningConfigAndAValidAliasApplies() throws IOException {
        try (var watcher = watcher()) {
            Files.writeString(file, config(8081) + "aliases: { claude-sonnet-4-5: sonnet, sonnet: openai/gpt-4.1 }\n");
            watcher.reloadNow();

            assertThat(applied).isEmpty();
            assertThat(errors()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains("keeping the running config", "aliases.claude-sonnet-4-5: 'sonnet' is another alias"));

            Files.writeString(file, config(8081) + "aliases: { claude-sonnet-4-5: openai/gpt-4.1 }\n");
            watcher.reloadNow();
        }
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.aliases())
                .isEqualTo(Map.of("claude-sonnet-4-5", "openai/gpt-4.1")));
    }

    @Test
    void aBrokenFileNeverLeaksTheKeyIntoTheLog() throws IOException {
        try (var watcher = watcher()) {
            Files.writeString(file, "providers: [ { id: openai, type: openai, api_key: " + KEY + ": x } ]\n");
            watcher.reloadNow();
            Files.delete(file);
            watcher.reloadNow();
        }
        assertThat(applied).isEmpty();
        assertThat(errors()).hasSize(2).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
        assertThat(errors().get(1).getFormattedMessage()).contains("file not found");
    }

    @Test
    void anUnchangedConfigDoesNotCallTheListener() {
        try (var watcher = watcher()) {
            watcher.reloadNow();
        }
        assertThat(applied).isEmpty();
    }

    @Test
    void aChangeTheListenerFailedToApplyIsOfferedAgain() throws IOException {
        var calls = new AtomicInteger();
        try (var watcher = new ConfigWatcher(file, loader, loader.load(file), c -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("not now");
            }
        })) {
            write(8084);
            watcher.reloadNow();
            watcher.reloadNow();
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void watchesTheFileForInPlaceWritesAndAtomicRenames() throws Exception {
        try (var watcher = watcher()) {
            watcher.start();

            write(8085);
            assertThat(applied.poll(10, TimeUnit.SECONDS)).as("reload after an in-place write")
                    .satisfies(c -> assertThat(c.server().port()).isEqualTo(8085));

            Path temp = Files.writeString(dir.resolve(".keyroute.yaml.tmp"), config(8086));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertThat(applied.poll(10, TimeUnit.SECONDS)).as("reload after an atomic rename")
                    .satisfies(c -> assertThat(c.server().port()).isEqualTo(8086));
        }
    }

    @Test
    void seesASymbolicLinkSwappedTwoLevelsUpAsAKubernetesConfigMapUpdateDoes() throws Exception {
        // A ConfigMap volume: keyroute.yaml -> ..data/keyroute.yaml, ..data -> ..v1; an update writes ..v2 and
        // renames a new ..data link over the old one. Nothing named keyroute.yaml changes in the directory.
        Path mount = Files.createDirectory(dir.resolve("mount"));
        Files.createDirectory(mount.resolve("..v1"));
        Files.writeString(mount.resolve("..v1/keyroute.yaml"), config(8087));
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        Path linked = Files.createSymbolicLink(mount.resolve("keyroute.yaml"), Path.of("..data/keyroute.yaml"));
        try (var watcher = new ConfigWatcher(linked, loader, loader.load(linked), applied::add, Duration.ofMillis(50))) {
            watcher.start();

            Files.createDirectory(mount.resolve("..v2"));
            Files.writeString(mount.resolve("..v2/keyroute.yaml"), config(8088));
            Path next = Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of("..v2"));
            Files.move(next, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            assertThat(applied.poll(10, TimeUnit.SECONDS)).as("reload after the link swap")
                    .satisfies(c -> assertThat(c.server().port()).isEqualTo(8088));
        }
    }

    @Test
    void writesToOtherFilesInTheDirectoryNeverReadTheConfig() throws Exception {
        // The SQLite database, its write-ahead log and the access log often sit beside the config and are
        // written on every request: none of that may cost a read of the config.
        var reads = new AtomicInteger();
        var reloads = new ConfigReloads(() -> {
            reads.incrementAndGet();
            return loader.load(file);
        }, loader.load(file), applied::add);
        Path busy = dir.resolve("keyroute.db-wal");
        try (var watcher = new ConfigWatcher(file, reloads, () -> { }, Duration.ofMillis(20), Duration.ofMillis(10))) {
            watcher.start();
            for (int i = 0; i < 100; i++) {
                Files.writeString(busy, "row " + i + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Thread.sleep(2);
            }
            Thread.sleep(100); // ten more looks at the file
            assertThat(reads).as("config reads while only another file changed").hasValue(0);

            write(8089);
            assertThat(applied.poll(10, TimeUnit.SECONDS)).satisfies(c -> assertThat(c.server().port()).isEqualTo(8089));
            assertThat(reads).hasValue(1);
        }
    }
}
