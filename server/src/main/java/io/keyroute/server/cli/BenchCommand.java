package io.keyroute.server.cli;

import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.boot.Boot;
import io.keyroute.server.cli.bench.BenchPrompt;
import io.keyroute.server.cli.bench.BenchReport;
import io.keyroute.server.cli.bench.BenchResults;
import io.keyroute.server.cli.bench.ProviderBench;
import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.logging.JdkLoggingBridge;
import io.keyroute.server.logging.QuietLogs;
import io.keyroute.vault.Vault;
import io.keyroute.vault.tenancy.User;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyroute bench}: the provider comparison. It starts the gateway the config describes on a
 * loopback port of its own and calls it as a client would (streaming, so TTFT is real): routing,
 * credential resolution, retries, translation and cost accounting are the production code, not a
 * copy. Progress goes to stderr, the table to stdout, the raw numbers to a JSON file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compare providers: latency, TTFT, tokens and cost per prompt size, through the normal request path.")
final class BenchCommand implements Callable<Integer> {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: $KEYROUTE_CONFIG, else embedded defaults).")
    Path config;

    @Option(names = "--providers", split = ",", paramLabel = "ID", description = "Providers to measure (default: every configured one; those without a credential are skipped).")
    List<String> providers = List.of();

    @Option(names = "--prompts", split = ",", paramLabel = "SIZE", description = "Prompt sizes: simple, medium, complex (default: all three).")
    List<String> prompts = BenchPrompt.NAMES;

    @Option(names = "--models", split = ",", paramLabel = "PROVIDER/MODEL", description = "The model to measure a provider with (default: its cheapest chat model in the catalog).")
    List<String> models = List.of();

    @Option(names = "--requests", paramLabel = "N", defaultValue = "3", description = "Requests per provider and prompt (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Unmeasured requests per provider first, so no provider pays for the gateway's own warm-up (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Where to write the results (default: bench-results/bench-<time>.json).")
    Path out;

    @Option(names = "--user", paramLabel = "EMAIL", description = "Call as this user of the vault: their stored credentials, then their workspace's, then the system keys (default: system keys only).")
    String user;

    private final Map<String, String> env;
    private final Path dataDir;
    private final Clock clock;

    BenchCommand() {
        this(System.getenv(), ServeCommand.DATA, Clock.systemUTC());
    }

    /** @param dataDir where serve keeps its generated master key, read when {@code --user} opens the vault */
    BenchCommand(Map<String, String> env, Path dataDir, Clock clock) {
        this.env = env;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        JdkLoggingBridge.install();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (requests < 1 || warmups < 0) {
            stderr.println("--requests must be 1 or more, --warmup 0 or more.");
            return 2;
        }
        List<BenchPrompt> chosenPrompts;
        KeyrouteConfig loaded;
        try {
            chosenPrompts = prompts.stream().map(BenchPrompt::named).toList();
            var loader = new ConfigLoader(env);
            loaded = loader.load(loader.configFile(Optional.ofNullable(config)));
        } catch (IllegalArgumentException | ConfigException e) {
            stderr.println("Keyroute cannot bench: " + e.getMessage());
            return 2;
        }
        ConfigSecrets.register(loaded, env);
        var keys = new KeyrouteKeys(new SecureRandom());
        Secret token = keys.mint("kr-");
        KnownSecrets.register(token.reveal());

        Caller caller = Caller.unrestricted("bench", null);
        try (var quiet = QuietLogs.unlessConfigured(env); var boot = new Boot(loaded, env, dataDir, keys, clock)) {
            Vault vault = null;
            if (user != null) {
                vault = boot.vault();
                caller = callerFor(vault, user);
            }
            var benchmark = new ProviderBench(token, stderr);
            Gateway gateway = boot.start(Gateway.builder(onLoopback(loaded),
                    new StaticTokenAuthenticator(Map.of(TokenHash.of(token), caller)))
                    .vault(vault).usage(benchmark.records()).clock(clock));
            Instant started = clock.instant();
            BenchResults results = benchmark.run(gateway, providers, models, chosenPrompts, requests, warmups);
            var report = new BenchReport(results);
            report.printTable(stdout);
            Path file = out != null ? out : Path.of("bench-results", "bench-" + FILE_TIME.format(started) + ".json");
            report.writeJson(file, KeyrouteCli.VERSION, gateway.runtime().routing().catalog().version(), started,
                    requests);
            stderr.println("results written to " + file);
            stderr.flush();
            return results.cells().isEmpty() ? 1 : 0;
        } catch (IllegalArgumentException e) { // a provider, model or user the config or the vault does not have
            stderr.println("Keyroute cannot bench: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) { // no master key, database unreachable
            stderr.println("Keyroute cannot bench: " + Secrets.scrub(String.valueOf(e.getMessage())));
            return 2;
        }
    }

    /** The user as a caller with every model their plan allows and no key limits of its own. */
    private static Caller callerFor(Vault vault, String email) {
        User found = vault.tenants().userByEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("no user with email '" + email + "' in the vault"));
        String plan = vault.tenants().workspace(found.workspaceId()).map(w -> w.plan()).orElse(null);
        return new Caller("bench", found.id(), found.workspaceId(), plan, Set.of(), false);
    }

    /** The configured gateway, listening only on a free loopback port. */
    private static KeyrouteConfig onLoopback(KeyrouteConfig config) {
        return config.withServer(config.server().withListener("127.0.0.1", 0));
    }
}
