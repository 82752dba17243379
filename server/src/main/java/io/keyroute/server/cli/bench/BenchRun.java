package io.keyroute.server.cli.bench;

import io.keyroute.api.Usage;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.RequestRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the requests one after another (so they do not slow each other down), provider by
 * provider, prompt by prompt, and reports each on the progress stream. A provider the gateway
 * finds no credential for is skipped with the gateway's own explanation.
 */
final class BenchRun {
    static final String NO_CREDENTIAL = "no_credential";
    /** The gateway records a request just after its last byte; this only bounds a lost record. */
    private static final Duration RECORD_WAIT = Duration.ofSeconds(10);

    private final BenchClient client;
    private final RecordedRequests records;
    private final PrintWriter progress;

    BenchRun(BenchClient client, RecordedRequests records, PrintWriter progress) {
        this.client = client;
        this.records = records;
        this.progress = progress;
    }

    /**
     * @param warmups unmeasured requests per provider first (the simple prompt, or the first one
     *                chosen): they open the connection and warm the JIT, so the first provider is not
     *                charged for the gateway's own start, and they find a missing credential early
     */
    BenchResults run(BenchSelection selection, List<BenchPrompt> prompts, int requests, int warmups)
            throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        List<Sample> warmed = new ArrayList<>();
        List<CellSummary> cells = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(selection.skipped());
        skipped.forEach(this::reportSkip);
        BenchPrompt warmupPrompt = prompts.stream().filter(p -> p.name().equals("simple")).findFirst()
                .orElse(prompts.getFirst());
        int total = selection.targets().size() * prompts.size() * requests;
        int done = 0;
        for (BenchTarget target : selection.targets()) {
            List<Sample> measured = new ArrayList<>();
            Optional<Skipped> skip = Optional.empty();
            for (int n = 1; n <= warmups && skip.isEmpty(); n++) {
                Sample warmup = measure(target, warmupPrompt, n);
                skip = skipFor(warmup);
                if (skip.isEmpty()) {
                    warmed.add(warmup);
                    report("warm-up", warmup);
                }
            }
            for (int i = 0; i < prompts.size() * requests && skip.isEmpty(); i++) {
                Sample sample = measure(target, prompts.get(i / requests), i % requests + 1);
                skip = skipFor(sample);
                if (skip.isEmpty()) {
                    measured.add(sample);
                    report("[" + (done + i + 1) + "/" + total + "]", sample);
                }
            }
            done += prompts.size() * requests;
            if (skip.isPresent()) {
                skipped.add(skip.get());
                reportSkip(skip.get());
                continue;
            }
            samples.addAll(measured);
            for (BenchPrompt prompt : prompts) {
                cells.add(CellSummary.of(target, prompt.name(),
                        measured.stream().filter(s -> s.prompt().equals(prompt.name())).toList()));
            }
        }
        return new BenchResults(samples, warmed, cells, skipped);
    }

    /** A provider the gateway has no credential for is left out, with the gateway's explanation. */
    private static Optional<Skipped> skipFor(Sample sample) {
        return NO_CREDENTIAL.equals(sample.errorCode())
                ? Optional.of(new Skipped(sample.target().provider(), sample.error())) : Optional.empty();
    }

    private Sample measure(BenchTarget target, BenchPrompt prompt, int number) throws InterruptedException {
        BenchClient.Exchange exchange;
        try {
            exchange = client.send(target.model(), prompt);
        } catch (IOException e) {
            return new Sample(target, prompt.name(), number, null, 0, 0, 0, 0, 0, null, "io_error", String.valueOf(e));
        }
        Optional<RequestRecord> record = exchange.requestId() == null ? Optional.empty()
                : records.await(exchange.requestId(), RECORD_WAIT);
        Usage usage = record.map(RequestRecord::usage).orElse(Usage.NONE);
        String error = exchange.errorMessage() == null && record.isEmpty() ? "the gateway kept no record of the request"
                : exchange.errorMessage();
        return new Sample(target, prompt.name(), number, exchange.requestId(), exchange.status(), exchange.latencyMicros(),
                exchange.ttftMicros(), usage.promptTokens(), usage.completionTokens(),
                record.map(RequestRecord::costMicros).orElse(null), exchange.errorCode(), error);
    }

    private void report(String label, Sample sample) {
        progress.println(label + " " + describe(sample));
        progress.flush();
    }

    private void reportSkip(Skipped skip) {
        progress.println("skipping " + skip.provider() + ": " + skip.reason());
        progress.flush();
    }

    private static String describe(Sample s) {
        String head = s.target().model().qualified() + " " + s.prompt() + " #" + s.number() + ": ";
        if (!s.ok()) {
            return head + "failed (" + s.status() + ") " + s.error();
        }
        return head + s.latencyMicros() / 1_000 + " ms, TTFT " + s.ttftMicros() / 1_000 + " ms, " + s.promptTokens()
                + "+" + s.completionTokens() + " tokens"
                + (s.costMicros() == null ? "" : ", $" + CostCalculator.usd(s.costMicros()));
    }
}
