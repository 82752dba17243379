package io.keyroute.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.server.runtime.VaultStartup;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.vault.credentials.NewCredential;
import io.keyroute.vault.credentials.Owner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code keyroute bench} end to end: a real gateway started from a config file in front of the
 * three provider fakes, each reporting scripted usage, and a provider with no credential.
 */
class BenchCommandTest {
    private static final String OPENAI_KEY = "sk-" + "proj-benchOpenAiKey0123456789abcdefWXYZ";
    private static final String ANTHROPIC_KEY = "sk-ant-" + "api03-benchAnthropicKey0123456789abcdWXYZ";
    private static final String GEMINI_KEY = "AIza" + "SyBenchGeminiKey0123456789abcdefghij";

    private final FakeOpenAi openai = FakeOpenAi.builder().apiKey(OPENAI_KEY).start();
    private final FakeAnthropic anthropic = FakeAnthropic.start(ANTHROPIC_KEY);
    private final FakeGemini gemini = FakeGemini.start(GEMINI_KEY);
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        openai.close();
        anthropic.close();
        gemini.close();
    }

    @Test
    void measuresEveryProviderWithACredentialAndSkipsTheOthersWithAReason() throws Exception {
        // per provider: the warm-up, simple #1, simple #2, medium #1, medium #2 — 10+5 tokens for simple, 300+50 for medium
        Reply[] script = {scripted("Canberra."), scripted("Canberra."), scripted("Canberra."), scripted("It skips unpaid."),
            scripted("It skips.")};
        openai.enqueue(script);
        anthropic.enqueue(script);
        gemini.enqueue(script);
        Path out = dir.resolve("results/run.json");

        int exit = bench("--config", config().toString(), "--prompts", "simple,medium", "--requests", "2",
                "--out", out.toString());

        assertThat(exit).as(stderr.toString()).isZero();
        // the cheapest chat model of each provider in the built-in catalog (2026-11-21.1)
        JsonNode json = Json.MAPPER.readTree(out.toFile());
        List<String> cells = new ArrayList<>();
        json.path("summary").forEach(c -> cells.add(c.path("provider").asText() + " " + c.path("model").asText() + " "
                + c.path("prompt").asText() + " " + c.path("ok").asInt() + "/" + c.path("requests").asInt() + " "
                + c.path("prompt_tokens").asLong() + "+" + c.path("completion_tokens").asLong() + " "
                + c.path("cost_per_request_micros").asLong() + " " + c.path("cost_micros").asLong()));
        // $0.05/$0.40, $0.80/$4.00 and $0.10/$0.40 per million; each request rounded once to the micro-dollar
        assertThat(cells).containsExactly(
                "openai gpt-5-nano simple 2/2 10+5 3 6",
                "openai gpt-5-nano medium 2/2 300+50 35 70",
                "anthropic claude-3-5-haiku-latest simple 2/2 10+5 28 56",
                "anthropic claude-3-5-haiku-latest medium 2/2 300+50 440 880",
                "gemini gemini-2.0-flash simple 2/2 10+5 3 6",
                "gemini gemini-2.0-flash medium 2/2 300+50 50 100");
        assertThat(json.path("total_cost_micros").asLong()).isEqualTo(6 + 70 + 56 + 880 + 6 + 100);
        assertThat(json.path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.001118");
        assertThat(json.path("warmup_requests").asInt()).isEqualTo(3);
        assertThat(json.path("warmup_cost_micros").asLong()).isEqualTo(3 + 28 + 3);
        assertThat(json.path("keyroute_version").asText()).isEqualTo(KeyrouteCli.VERSION);
        assertThat(json.path("catalog_version").asText()).isNotBlank();
        assertThat(json.path("started_at").asText()).isEqualTo("2026-11-21T10:00:00Z");

        assertThat(json.path("skipped")).hasSize(1);
        assertThat(json.path("skipped").get(0).path("provider").asText()).isEqualTo("deepseek");
        assertThat(json.path("skipped").get(0).path("reason").asText()).contains("No credential for provider 'deepseek'");

        JsonNode requests = json.path("requests");
        assertThat(requests).hasSize(12);
        requests.forEach(r -> {
            assertThat(r.path("status").asInt()).isEqualTo(200);
            assertThat(r.path("request_id").asText()).isNotBlank();
            assertThat(r.path("ttft_ms").decimalValue()).isPositive().isLessThanOrEqualTo(r.path("latency_ms").decimalValue());
            assertThat(r.path("error").isNull()).isTrue();
        });
        assertThat(requests.get(2).path("cost_usd").decimalValue()).isEqualByComparingTo("0.000035");

        // every request went upstream streamed, to the chosen model, with the prompt's text
        assertThat(openai.requests()).hasSize(5).allSatisfy(r -> {
            assertThat(r.json().path("model").asText()).isEqualTo("gpt-5-nano");
            assertThat(r.json().path("stream").asBoolean()).isTrue();
        });
        assertThat(openai.requests().getFirst().json().toString()).contains("What is the capital of Australia?");
        assertThat(anthropic.requests()).hasSize(5);
        assertThat(gemini.requests()).hasSize(5);

        String table = stdout.toString();
        assertThat(table.lines().findFirst().orElseThrow())
                .contains("provider", "model", "prompt", "p50 ms", "p95 ms", "TTFT ms", "prompt tok", "compl tok", "cost/req USD");
        assertThat(table).containsPattern("anthropic +claude-3-5-haiku-latest +medium +2/2 .* 300 +50 +0\\.000440")
                .containsPattern("openai +gpt-5-nano +simple +2/2 .* 10 +5 +0\\.000003")
                .contains("total cost: $0.001118 (+ $0.000034 for 3 warm-up request(s))")
                .contains("skipped deepseek: No credential for provider 'deepseek'");
        assertThat(stderr.toString()).contains("warm-up openai/gpt-5-nano simple #1: ", "[1/16] openai/gpt-5-nano simple #1: ", "[12/16] gemini/gemini-2.0-flash medium #2: ",
                "skipping deepseek: ", "results written to " + out);
        assertThat(stdout.toString() + stderr).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, GEMINI_KEY);
    }

    @Test
    void modelsOverrideTheCheapestAndProvidersNarrowTheRun() throws Exception {
        openai.enqueue(scripted("Canberra."));
        Path out = dir.resolve("narrow.json");

        int exit = bench("--config", config().toString(), "--providers", "openai", "--models", "openai/gpt-4o-mini",
                "--prompts", "simple", "--requests", "1", "--warmup", "0", "--out", out.toString());

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode summary = Json.MAPPER.readTree(out.toFile()).path("summary");
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
        // 10 × $0.15 + 5 × $0.60 per million = 4.5 µ$ → 5
        assertThat(summary.get(0).path("cost_micros").asLong()).isEqualTo(5);
        assertThat(openai.requests()).hasSize(1);
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void anUnknownProviderOrPromptIsAUsageErrorNotACrash() throws Exception {
        assertThat(bench("--config", config().toString(), "--providers", "nope")).isEqualTo(2);
        assertThat(stderr.toString()).contains("unknown provider 'nope'; configured: openai, anthropic, gemini, deepseek");
        assertThat(bench("--config", config().toString(), "--prompts", "huge")).isEqualTo(2);
        assertThat(stderr.toString()).contains("unknown prompt 'huge'; choose from simple, medium, complex");
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void asAVaultUserTheirStoredCredentialIsUsed() throws Exception {
        Path file = dir.resolve("keyroute.yaml");
        Files.writeString(file, """
                database: { url: "jdbc:sqlite:%s" }
                providers:
                  - { id: anthropic, type: anthropic, base_url: "%s" }
                """.formatted(dir.resolve("vault.db"), anthropic.baseUrl()));
        var config = new ConfigLoader(Map.of()).load(Optional.of(file));
        var runtime = new RuntimeFactory(Clock.systemUTC()).build(config);
        try (var vault = VaultStartup.open(config, Map.of(), dir.resolve("data"),
                new KeyrouteKeys(new SecureRandom()), () -> runtime, Clock.systemUTC())) {
            var ws = vault.tenants().createWorkspace("admin", "acme", "pro");
            var ada = vault.tenants().createUser("admin", ws.id(), "ada@example.com", "member");
            vault.credentials().create(ada.id(), Owner.user(ada.id()), ws.id(),
                    new NewCredential("anthropic", Secret.of(ANTHROPIC_KEY),
                            null, null, null));
        }
        anthropic.enqueue(scripted("Canberra."));

        assertThat(bench("--config", file.toString(), "--prompts", "simple", "--requests", "1", "--warmup", "0",
                "--out", dir.resolve("system.json").toString())).isEqualTo(1); // nothing could be measured
        assertThat(stderr.toString()).contains("skipping anthropic: No credential for provider 'anthropic'");
        assertThat(anthropic.requests()).isEmpty();

        assertThat(bench("--config", file.toString(), "--user", "ada@example.com", "--prompts", "simple",
                "--requests", "1", "--warmup", "0", "--out", dir.resolve("ada.json").toString())).as(stderr.toString()).isZero();
        JsonNode summary = Json.MAPPER.readTree(dir.resolve("ada.json").toFile()).path("summary");
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).path("ok").asInt()).isEqualTo(1);
        assertThat(summary.get(0).path("cost_micros").asLong()).isEqualTo(28);
        assertThat(anthropic.requests()).hasSize(1);
        assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo(ANTHROPIC_KEY);

        assertThat(bench("--config", file.toString(), "--user", "nobody@example.com")).isEqualTo(2);
        assertThat(stderr.toString()).contains("no user with email 'nobody@example.com' in the vault");
    }

    private int bench(String... args) {
        var clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
        var cli = new CommandLine(new BenchCommand(Map.of(), dir.resolve("data"), clock));
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }

    private static Reply scripted(String text) {
        return text.startsWith("Canberra") ? Reply.text(text).usage(10, 5, 0, 0) : Reply.text(text).usage(300, 50, 0, 0);
    }

    private Path config() throws Exception {
        Path file = dir.resolve("keyroute.yaml");
        Files.writeString(file, """
                database: { url: "jdbc:sqlite:%s" }
                providers:
                  - { id: openai, type: openai, base_url: "%s", api_key: "%s" }
                  - { id: anthropic, type: anthropic, base_url: "%s", api_key: "%s" }
                  - { id: gemini, type: gemini, base_url: "%s", api_key: "%s" }
                  - { id: deepseek, type: openai-compatible, base_url: "http://127.0.0.1:9/v1" }
                """.formatted(dir.resolve("keyroute.db"), openai.baseUrl(), OPENAI_KEY, anthropic.baseUrl(), ANTHROPIC_KEY,
                gemini.baseUrl(), GEMINI_KEY));
        return file;
    }
}
