package io.keyroute.server.cli.bench;

import io.keyroute.api.Usage;
import io.keyroute.server.usage.RequestRecord;
import io.keyroute.usage.CostCalculator;
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

    BenchResults run(BenchSelection selection, List<BenchPrompt> prompts, int requests) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        List<CellSummary> cells = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(selection.skipped());
        skipped.forEach(this::reportSkip);
        int perTarget = prompts.size() * requests;
        int total = selection.targets().size() * perTarget;
        int done = 0;
        for (BenchTarget target : selection.targets()) {
            List<Sample> measured = new ArrayList<>();
            Optional<Skipped> skip = Optional.empty();
            for (int i = 0; i < perTarget && skip.isEmpty(); i++) {
                Sample sample = measure(target, prompts.get(i / requests), i % requests + 1);
                if (NO_CREDENTIAL.equals(sample.errorCode())) {
                    skip = Optional.of(new Skipped(target.provider(), sample.error()));
                } else {
                    measured.add(sample);
                    progress.println("[" + (done + i + 1) + "/" + total + "] " + describe(sample));
                    progress.flush();
                }
            }
            done += perTarget;
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
        return new BenchResults(samples, cells, skipped);
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
