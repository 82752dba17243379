package io.keyroute.benchmarks;

import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.server.inference.ResponseKeeper;
import io.keyroute.store.Database;
import io.keyroute.vault.crypto.Envelope;
import io.keyroute.vault.crypto.MasterKey;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.ServedBy;
import io.keyroute.vault.responses.StoredResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What keeping a translated Responses answer costs (issue 20 item 8: the translated row's gap to the chat path is
 * mostly this): {@link ResponseKeeper#keep} of {@link Samples#RESPONSES_REQUEST}'s answer as the caller is sent it
 * (the Response object an {@code openai-compatible} provider's {@link Samples#CHAT_ANSWER} translates to), each with
 * a new id, on a fresh SQLite vault; {@value #BATCH} answers a flush, so the write-behind stores them as one
 * transaction (at c16 it stores a few hundred per 50 ms). Times include the writer's insert (the flush waits for it);
 * bytes per operation count every thread's allocations, the answer's copy made here included (the same before
 * and after any change).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class KeepResponseBenchmark {
    private static final int BATCH = 64;
    private static final ResponseOwner OWNER = new ResponseOwner("ws_bench", "u_bench", "key_bench");
    private static final ServedBy SERVED_BY = new ServedBy("compatible", "gpt-4o-mini", null);
    private static final HexFormat HEX = HexFormat.of();

    private final ResponsesRequest request = ResponsesRequestReader.read(Samples.RESPONSES_REQUEST);
    private Path directory;
    private Database database;
    private StoredResponses stored;
    private ResponseKeeper keeper;
    /** The Response object as sent, and where its id's 40 hex digits are (each answer gets new ones). */
    private byte[] answer;
    private int idDigits;
    private long next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("kr-keep-bench");
        database = Database.open("jdbc:sqlite:" + directory.resolve("keyroute.db"));
        database.migrate();
        byte[] master = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(master);
        stored = new StoredResponses(database.jdbc(), new Envelope(MasterKey.of(master), List.of()), Clock.systemUTC());
        keeper = new ResponseKeeper(stored, () -> Duration.ofDays(30), () -> 32L << 20);
        answer = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC())).fromUpstream(request.chat(), Samples.CHAT_ANSWER)
                .body();
        idDigits = new String(answer, StandardCharsets.ISO_8859_1).indexOf("\"resp_") + "\"resp_".length();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        stored.close();
        long rows = database.jdbc().queryOne("SELECT count(*) FROM stored_responses", rs -> rs.getLong(1)).orElseThrow();
        if (rows != next) {
            throw new IllegalStateException(next + " answers kept, " + rows + " stored");
        }
        database.close();
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) { // SQLite's native library is in there too
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void keep() {
        for (int i = 0; i < BATCH; i++) {
            keeper.keep(request, OWNER, SERVED_BY, newAnswer());
        }
        stored.flush();
    }

    /** The answer with the next id: 16 of its 40 hex digits overwritten with a counter. */
    private byte[] newAnswer() {
        byte[] copy = answer.clone();
        byte[] digits = HEX.toHexDigits(next++).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, copy, idDigits, digits.length);
        return copy;
    }
}
