package io.keyroute.testkit.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeOpenAi} until killed, for the benchmark harness.
 *
 * <pre>
 * java -cp ... io.keyroute.testkit.FakeOpenAiMain --port=8089 --key=sk-bench --chunk-delay-ms=20
 *   [--slow] [--record] [--reply-words=N] [--fault-key=KEY=KIND]...
 * </pre>
 * {@code --reply-words=N}: the canned answer is N words, so a stream is N + 3 events (4 with usage),
 * {@code --chunk-delay-ms} apart: a long-lived stream. {@code --fault-key}: a further accepted key
 * whose every request gets an injected fault ({@link FaultKey}).
 * Each option may also be given as a system property: {@code keyroute.fake.port},
 * {@code keyroute.fake.key} (comma-separated), {@code keyroute.fake.chunkDelayMs},
 * {@code keyroute.fake.slow}, {@code keyroute.fake.record}. By default the fast path is on and
 * requests are counted, not kept. Prints {@code FakeOpenAi listening on <baseUrl>} when ready.
 */
public final class FakeOpenAiMain {

    private FakeOpenAiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.getInteger("keyroute.fake.port", 8089);
        List<String> keys = new ArrayList<>(List.of(System.getProperty("keyroute.fake.key", "sk-bench").split(",")));
        long chunkDelayMs = Long.getLong("keyroute.fake.chunkDelayMs", 0L);
        boolean slow = Boolean.getBoolean("keyroute.fake.slow");
        boolean record = Boolean.getBoolean("keyroute.fake.record");
        boolean keysFromArgs = false;
        int replyWords = 0;
        List<String> faults = new ArrayList<>();
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value);
            } else if (arg.startsWith("--key=")) {
                if (!keysFromArgs) {
                    keys.clear();
                    keysFromArgs = true;
                }
                keys.add(value);
            } else if (arg.startsWith("--chunk-delay-ms=")) {
                chunkDelayMs = Long.parseLong(value);
            } else if (arg.equals("--slow")) {
                slow = true;
            } else if (arg.equals("--record")) {
                record = true;
            } else if (arg.startsWith("--reply-words=")) {
                replyWords = Integer.parseInt(value);
            } else if (arg.startsWith("--fault-key=")) {
                faults.add(value);
            } else {
                System.err.println("usage: FakeOpenAiMain [--port=N] [--key=K]... [--chunk-delay-ms=N] [--slow] [--record] "
                        + "[--reply-words=N] [--fault-key=KEY=KIND]...");
                System.exit(2);
            }
        }
        Duration chunkDelay = Duration.ofMillis(chunkDelayMs);
        String text = replyWords > 0 ? String.join(" ", Collections.nCopies(replyWords, "tick")) : FakeOpenAi.FAST_TEXT;
        FakeOpenAi.Builder builder = FakeOpenAi.builder()
                .port(port)
                .apiKeys(keys.toArray(String[]::new))
                .chunkDelay(chunkDelay)
                .fastPath(!slow)
                .fastReply(FakeOpenAi.FAST_MODEL, text)
                .recordRequests(record);
        for (String spec : faults) {
            FaultKey fault = FaultKey.parse(spec, text, chunkDelay);
            builder.replyFor(fault.key(), fault.reply());
        }
        FakeOpenAi fake = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-openai-stop"));
        System.out.println("FakeOpenAi listening on " + fake.baseUrl());
        new CountDownLatch(1).await();
    }
}
