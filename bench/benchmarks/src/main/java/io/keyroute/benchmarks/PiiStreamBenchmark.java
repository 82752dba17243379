package io.keyroute.benchmarks;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Masked;
import io.keyroute.guardrails.masking.Masker;
import io.keyroute.guardrails.pii.PiiDetectors;
import io.keyroute.guardrails.stream.StreamRedactor;
import io.keyroute.guardrails.stream.StreamRestorer;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The PII step's cost per stream event (issue 24: at most 1 ms added per event): a 4 KB answer with a few
 * values among prose, numbers and code, cut into the deltas a provider sends (2 to 24 characters, 4 KB
 * make {@link #EVENTS} events), redacted ({@code redactEvent}) or restored ({@code restoreEvent}) delta by
 * delta with every PII type on; and masking a 4 KB prompt whole ({@code maskPrompt}), a request's cost.
 * Results are per event (per prompt for {@code maskPrompt}).
 */
public class PiiStreamBenchmark extends MicrosecondBenchmark {
    private static final String PARAGRAPH = """
            Thanks for the details. I have updated the ticket for jane.doe@example.com: the refund of $42.50 \
            goes to DE89 3704 0044 0532 0130 00 within 3-5 business days (order 2026-11-30-00123, version 1.4.2). \
            If it does not arrive, call +44 20 7946 0958 or reply here. The server at 192.168.1.10 logged \
            the request at 10:30:45 UTC; run `curl -s https://status.example.com/api/v2 | jq .status` to check. \
            Kind regards, the support team.
            """;
    static final int EVENTS = 400;

    private Masker masker;
    private Masker promptMasker;
    private String prompt;
    private List<String> answerDeltas;
    private List<String> maskedDeltas;
    private MaskTable promptTable;

    @Setup
    public void load() {
        Detectors detectors = Detectors.of(PiiDetectors.all());
        masker = Masker.of(detectors);
        promptMasker = Masker.reversible(detectors);
        StringBuilder text = new StringBuilder();
        while (text.length() < 4096) {
            text.append(PARAGRAPH);
        }
        prompt = text.substring(0, 4096);
        answerDeltas = cut(prompt);
        promptTable = new MaskTable();
        Masked masked = promptMasker.mask(prompt, promptTable);
        maskedDeltas = cut(masked.text());
        System.out.println("\n" + answerDeltas.size() + " answer deltas, " + maskedDeltas.size() + " masked deltas, "
                + masked.findings().size() + " values in 4 KB");
    }

    /** Deltas of 2 to 24 characters, the same every run, {@link #EVENTS} of them. */
    private static List<String> cut(String text) {
        List<String> deltas = new ArrayList<>();
        int position = 0;
        int step = 0;
        while (deltas.size() < EVENTS - 1) {
            int length = 2 + (step++ * 7) % 23;
            int end = Math.min(text.length(), position + length);
            deltas.add(text.substring(position, end));
            position = end;
            if (position == text.length()) {
                position = 0;
            }
        }
        deltas.add(text.substring(position));
        return deltas;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void redactEvent(Blackhole sink) {
        StreamRedactor redactor = new StreamRedactor(masker, new MaskTable());
        for (String delta : answerDeltas) {
            sink.consume(redactor.accept(delta));
        }
        sink.consume(redactor.flush());
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void restoreEvent(Blackhole sink) {
        StreamRestorer restorer = new StreamRestorer(promptTable);
        for (String delta : maskedDeltas) {
            sink.consume(restorer.accept(delta));
        }
        sink.consume(restorer.flush());
    }

    @Benchmark
    public Masked maskPrompt() {
        return promptMasker.mask(prompt, new MaskTable());
    }
}
