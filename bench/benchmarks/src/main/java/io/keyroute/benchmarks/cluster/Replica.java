package io.keyroute.benchmarks.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Keyroute replica: the packaged server started by the launcher ({@code ./keyroute serve}) as
 * a JVM of its own, in a directory of its own (its {@code data/}: the usage journal a restart
 * replays), on its own port. Killed with SIGKILL as a crash is, stopped with SIGTERM as an
 * orchestrator stops it.
 */
final class Replica {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Path launcher;
    private final Path dir;
    private final Path config;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    Replica(String name, Path launcher, Path dir, Path config, int port, Map<String, String> env) {
        this.name = name;
        this.launcher = launcher;
        this.dir = dir;
        this.config = config;
        this.port = port;
        this.env = Map.copyOf(env);
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process (appending to its {@code keyroute.log}); does not wait for it. */
    void start() {
        try {
            Files.createDirectories(dir);
            var builder = new ProcessBuilder(List.of(launcher.toString(), "serve", "--config", config.toString()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("keyroute.log").toFile()));
            // Only the harness's config and environment: none of the shell's Keyroute settings.
            builder.environment().keySet().removeIf(name -> name.startsWith("KEYROUTE_") || name.startsWith("OTEL_"));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // the harness's own JDK
            builder.environment().putAll(env);
            builder.environment().put("KEYROUTE_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /ready} answers 200; the time it took from the call. */
    Duration awaitReady(Duration within) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + dir.resolve("keyroute.log"));
            }
            if (status("/ready") == 200) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " was not ready within " + within + "; see " + dir.resolve("keyroute.log"));
    }

    /** The status of a GET on this replica, or 0 when it does not answer. */
    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** SIGKILL: no drain, no flush, as a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the drain and the ledger's flush; the exit code (143 after a graceful stop). */
    int stop(Duration within) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return process == null ? -1 : process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }
}
