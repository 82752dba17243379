package io.keyroute.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Keyroute child process ({@code serve --config keyroute.yaml} in {@code workDir}, which also
 * holds its {@code data/}), for what only a separate process shows: kill -9, SIGTERM, several
 * replicas sharing a database and Redis. It runs on this test's classpath and JDK, listens on a
 * free port ({@code KEYROUTE_PORT}, which wins over the config) and is ready when it logs so.
 */
final class KeyrouteProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Keyroute ready on http://[^:\"]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;
    private final Thread reader;

    private KeyrouteProcess(Process process) throws InterruptedException {
        this.process = process;
        var ready = new CompletableFuture<Integer>();
        this.reader = Thread.ofPlatform().daemon().name("keyroute-child-output").start(() -> read(ready));
        try {
            this.port = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Keyroute did not become ready; its output:\n" + String.join("\n", output), e);
        }
    }

    /** The environment a fresh install starts with: a new random master key and {@code adminToken}. */
    static Map<String, String> env(String adminToken) {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        return Map.of("KEYROUTE_MASTER_KEY", Base64.getEncoder().encodeToString(master), "KEYROUTE_ADMIN_TOKEN", adminToken);
    }

    /**
     * Writes {@code configYaml} to {@code workDir/keyroute.yaml} and starts {@code serve} with it.
     *
     * @param env added to this JVM's environment (e.g. KEYROUTE_MASTER_KEY, KEYROUTE_ADMIN_TOKEN)
     */
    static KeyrouteProcess start(Path workDir, String configYaml, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("keyroute.yaml");
        Files.writeString(config, configYaml);
        // C1 only and a small heap: these processes serve tests, and start in about half the time.
        // What production runs: main classes and the production log config, not the tests' ones.
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", mainClassPath(),
                "io.keyroute.server.cli.KeyrouteCli", "serve", "--config", config.toString());
        var builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("KEYROUTE_PORT", String.valueOf(freePort()));
        builder.environment().putAll(env);
        return new KeyrouteProcess(builder.start());
    }

    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void read(CompletableFuture<Integer> ready) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher m = READY.matcher(line);
                if (!ready.isDone() && m.find()) {
                    ready.complete(Integer.parseInt(m.group(1)));
                }
            }
            ready.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Creates a workspace on {@code plan}, a member in it and a key for that member with
     * {@code keyFields} (JSON members such as {@code "rpm":60}, or empty), through the management
     * API; returns the plaintext {@code kr-} key.
     */
    String issueKey(String adminToken, String plan, String keyFields) throws IOException, InterruptedException {
        String ws = post("/api/v1/workspaces", adminToken, "{\"name\":\"ws-" + System.nanoTime() + "\",\"plan\":\"" + plan + "\"}");
        String user = post("/api/v1/workspaces/" + ws + "/users", adminToken,
                "{\"email\":\"u" + System.nanoTime() + "@example.com\",\"role\":\"member\"}");
        String fields = keyFields.isBlank() ? "" : "," + keyFields;
        JsonNode key = Json.MAPPER.readTree(send("POST", "/api/v1/users/" + user + "/keys", adminToken,
                "{\"name\":\"test\"" + fields + "}"));
        return key.get("key").asText();
    }

    private String post(String path, String token, String body) throws IOException, InterruptedException {
        return Json.MAPPER.readTree(send("POST", path, token, body)).get("id").asText();
    }

    private String send(String method, String path, String token, String body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }

    /** Everything the process printed so far (stdout and stderr), one entry per line. */
    List<String> output() {
        return List.copyOf(output);
    }

    /** SIGTERM, then waits for the exit: the graceful shutdown path. Returns the exit code. */
    int sigterm() throws InterruptedException {
        process.toHandle().destroy(); // Process.destroy() would also close our end of its output
        return awaitExit();
    }

    /** SIGKILL (kill -9): no shutdown hook runs. Returns the exit code. */
    int kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Keyroute did not exit within 30 s");
        }
        reader.join(Duration.ofSeconds(5)); // its last lines, for output()
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
