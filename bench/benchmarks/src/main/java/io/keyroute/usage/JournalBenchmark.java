package io.keyroute.usage;

import io.keyroute.api.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the usage journal adds to each request before its last byte: one event encoded as a JSON
 * line and copied into the mapped segment file (no system call, no fsync), plus the ledger's later
 * report that it was stored (which lets full segments be deleted, so the disk use stays bounded).
 * In the journal's package because those steps are package-private; on the real disk, under
 * {@code target/}, not tmpfs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JournalBenchmark {
    private static final LedgerEntry EVENT = new LedgerEntry(Instant.parse("2026-11-21T10:00:00.123Z"),
            new RequestRecord("req_01JD8Z4Q7X3V5K2M9N6P1R0S8T", "key_01JD8Z4Q7X3V5K2M9N6P1R0S8T",
                    "user_01JD8Z4Q7X3V5K2M9N6P1R0S8T", "ws_01JD8Z4Q7X3V5K2M9N6P1R0S8T",
                    "cred_01JD8Z4Q7X3V5K2M9N6P1R0S8T", "auto", "auto", "openai", "gpt-4o-mini", 200, 1, true,
                    new Usage(1_234, 567, 100, 0), 2_109L, 812_345, 201_234, "ok"));

    private Path dir;
    private LedgerJournal journal;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "journal-bench");
        journal = LedgerJournal.open(dir, LedgerJournal.DEFAULT_SEGMENT_BYTES);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.delete(dir);
    }

    @Benchmark
    public byte[] encode() {
        return JournalLine.encode(EVENT);
    }

    @Benchmark
    public void appendAndStore() {
        journal.stored(List.of(journal.append(EVENT)));
    }

    /** Four request threads at once: they share the journal's lock and file. */
    @Benchmark
    @Threads(4)
    public void appendAndStoreFourThreads() {
        journal.stored(List.of(journal.append(EVENT)));
    }
}
