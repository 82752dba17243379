package io.keyroute.server.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.usage.CostCalculator;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A run's results as a console table and as JSON for the history (raw requests and the summary). */
public final class BenchReport {
    private static final String[] HEADER = {"provider", "model", "prompt", "ok", "p50 ms", "p95 ms", "TTFT ms",
        "prompt tok", "compl tok", "cost/req USD"};

    private final BenchResults results;

    public BenchReport(BenchResults results) {
        this.results = results;
    }

    /** One row per provider × prompt; TTFT is the median; tokens are per request; then the run's total cost. */
    public void printTable(PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CellSummary c : results.cells()) {
            rows.add(new String[] {c.target().provider(), c.target().model().upstreamModel(), c.prompt(),
                c.ok() + "/" + c.requests(), ms(c.latencyP50Micros()), ms(c.latencyP95Micros()), ms(c.ttftP50Micros()),
                String.valueOf(c.promptTokens()), String.valueOf(c.completionTokens()),
                c.costPerRequestMicros() == null ? "unpriced" : CostCalculator.usd(c.costPerRequestMicros())});
        }
        int[] widths = new int[HEADER.length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean text = i < 3; // names left-aligned, numbers right-aligned
                line.append(i == 0 ? "" : "  ").append(String.format("%" + (text ? "-" : "") + widths[i] + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("total cost: $" + CostCalculator.usd(results.totalCostMicros())
                + (results.warmups().isEmpty() ? "" : " (+ $" + CostCalculator.usd(results.warmupCostMicros())
                        + " for " + results.warmups().size() + " warm-up request(s))"));
        results.skipped().forEach(s -> out.println("skipped " + s.provider() + ": " + s.reason()));
        out.flush();
    }

    public void writeJson(Path file, String keyrouteVersion, String catalogVersion, Instant startedAt,
                          int requestsPerCell) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("keyroute_version", keyrouteVersion);
        root.put("catalog_version", catalogVersion);
        root.put("started_at", startedAt.toString());
        root.put("requests_per_cell", requestsPerCell);
        root.put("max_completion_tokens", BenchClient.MAX_COMPLETION_TOKENS);
        root.put("total_cost_micros", results.totalCostMicros());
        root.put("total_cost_usd", usd(results.totalCostMicros()));
        root.put("warmup_requests", results.warmups().size());
        root.put("warmup_cost_micros", results.warmupCostMicros());
        var skipped = root.putArray("skipped");
        results.skipped().forEach(s -> skipped.addObject().put("provider", s.provider()).put("reason", s.reason()));
        var summary = root.putArray("summary");
        for (CellSummary c : results.cells()) {
            ObjectNode row = cell(summary.addObject(), c.target(), c.prompt());
            row.put("requests", c.requests());
            row.put("ok", c.ok());
            row.put("latency_p50_ms", msDecimal(c.latencyP50Micros()));
            row.put("latency_p95_ms", msDecimal(c.latencyP95Micros()));
            row.put("ttft_p50_ms", msDecimal(c.ttftP50Micros()));
            row.put("ttft_p95_ms", msDecimal(c.ttftP95Micros()));
            row.put("prompt_tokens", c.promptTokens());
            row.put("completion_tokens", c.completionTokens());
            putCost(row, "cost", c.costMicros());
            putCost(row, "cost_per_request", c.costPerRequestMicros());
        }
        var requests = root.putArray("requests");
        for (Sample s : results.samples()) {
            ObjectNode row = cell(requests.addObject(), s.target(), s.prompt());
            row.put("n", s.number());
            row.put("request_id", s.requestId());
            row.put("status", s.status());
            row.put("latency_ms", msDecimal(s.latencyMicros()));
            row.put("ttft_ms", msDecimal(s.ttftMicros()));
            row.put("prompt_tokens", s.promptTokens());
            row.put("completion_tokens", s.completionTokens());
            putCost(row, "cost", s.costMicros());
            row.put("error_code", s.errorCode());
            row.put("error", s.error());
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static ObjectNode cell(ObjectNode row, BenchTarget target, String prompt) {
        return row.put("provider", target.provider()).put("model", target.model().upstreamModel()).put("prompt", prompt);
    }

    private static void putCost(ObjectNode row, String prefix, Long micros) {
        row.put(prefix + "_micros", micros);
        row.put(prefix + "_usd", micros == null ? null : usd(micros));
    }

    private static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }

    private static BigDecimal msDecimal(long micros) {
        return BigDecimal.valueOf(micros, 3);
    }

    private static String ms(long micros) {
        return String.valueOf(Math.round(micros / 1_000.0));
    }
}
