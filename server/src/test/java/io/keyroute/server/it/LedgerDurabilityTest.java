package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 item 8: kill -9 in the middle of traffic, restart on the same data directory, and every
 * request whose answer a client received whole is in the usage ledger with its tokens (the
 * journal written before each answer's last byte is replayed at start).
 */
class LedgerDurabilityTest {
    private static final String ADMIN_TOKEN = "kr-admin-" + "DurableDurableDurableDurableDurableDura1";
    private static final String UPSTREAM_KEY = "sk-" + "proj-durableUpstreamKey0123456789abcdWXYZ";
    private static final int CLIENTS = 8;
    private static final int COMPLETED_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void everyAnswerReceivedWholeBeforeAKill9IsInTheLedgerAfterTheRestart() throws Exception {
        Map<String, String> env = KeyrouteProcess.env(ADMIN_TOKEN);
        // Streams take a few ms, so the kill finds some of them half-sent.
        try (var upstream = FakeOpenAi.builder().apiKey(UPSTREAM_KEY).chunkDelay(Duration.ofMillis(2)).start()) {
            String config = """
                    security: { allow_private_base_urls: true }
                    providers:
                      - { id: openai, type: openai, base_url: "%s", api_key: "%s" }
                    """.formatted(upstream.baseUrl(), UPSTREAM_KEY);
            Map<String, Usage> received = new ConcurrentHashMap<>();
            String key;
            try (var first = KeyrouteProcess.start(dir, config, env)) {
                key = first.issueKey(ADMIN_TOKEN, "pro", "");
                var stop = new AtomicBoolean();
                try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> running = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        int client = c;
                        running.add(clients.submit(() -> traffic(first.baseUrl(), key, client, received, stop)));
                    }
                    for (int i = 0; i < 600 && received.size() < COMPLETED_BEFORE_KILL; i++) {
                        Thread.sleep(50);
                    }
                    assertThat(first.kill9()).isEqualTo(137); // traffic still running
                    stop.set(true);
                    for (Future<?> f : running) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                }
            }
            assertThat(received).hasSizeGreaterThanOrEqualTo(COMPLETED_BEFORE_KILL);
            String left = journalText(); // what the kill left on disk: records, never a secret
            assertThat(received.keySet()).anyMatch(left::contains);
            assertThat(left).doesNotContain(key, UPSTREAM_KEY, ADMIN_TOKEN);

            try (var second = KeyrouteProcess.start(dir, config, env)) {
                // Ready means the journal was replayed: the rows are there before anything else is served.
                Map<String, Usage> stored = ledger();
                List<String> missing = received.keySet().stream().filter(id -> !stored.containsKey(id)).toList();
                assertThat(missing).as("answered in full, missing from the ledger").isEmpty();
                received.forEach((id, usage) -> assertThat(stored.get(id)).as(id).isEqualTo(usage));
                assertThat(String.join("\n", second.output())).contains("usage journal: stored");
                assertThat(second.sigterm()).isEqualTo(143);
            }
            try (var journal = Files.list(dir.resolve("data/ledger.journal"))) {
                // A clean stop stores everything: the journal keeps no segment.
                assertThat(journal.map(f -> f.getFileName().toString())).containsExactly("lock");
            }
        }
    }

    /** Requests in a loop, half streamed; each answer received whole is noted with the tokens it reported. */
    private static Void traffic(String baseUrl, String key, int client, Map<String, Usage> received, AtomicBoolean stop) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int n = 0; !stop.get(); n++) {
                boolean stream = (n + client) % 2 == 0;
                String body = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":" + stream
                        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"count to " + n + " please\"}]}";
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    Usage usage = stream ? streamedUsage(response.body()) : usage(Json.MAPPER.readTree(response.body()));
                    if (response.statusCode() == 200 && usage != null) {
                        received.put(response.headers().firstValue("x-keyroute-request-id").orElseThrow(), usage);
                    }
                } catch (java.io.IOException e) {
                    // the process was killed under this request: its answer did not arrive whole
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    /** The usage chunk of a stream that reached its [DONE], else null. */
    private static Usage streamedUsage(String sse) throws java.io.IOException {
        if (!sse.contains("data: [DONE]")) {
            return null;
        }
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {") && line.contains("\"usage\":{")) {
                return usage(Json.MAPPER.readTree(line.substring("data: ".length())));
            }
        }
        return null;
    }

    private static Usage usage(JsonNode body) {
        JsonNode u = body.path("usage");
        return u.isObject() ? new Usage(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(), 0, 0) : null;
    }

    private String journalText() throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dir.resolve("data/ledger.journal"))) {
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    /** The ledger's rows, read straight from the SQLite file the process uses. */
    private Map<String, Usage> ledger() {
        try (var db = Database.open("jdbc:sqlite:" + dir.resolve("data/keyroute.db"))) {
            Map<String, Usage> rows = new HashMap<>();
            db.jdbc().query("SELECT request_id, prompt_tokens, completion_tokens FROM usage_events",
                    rs -> rows.put(rs.getString(1), new Usage(rs.getLong(2), rs.getLong(3), 0, 0)));
            return rows;
        }
    }
}
