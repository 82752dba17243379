package io.keyroute.benchmarks.cluster;

import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TcpRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The multi-replica harness (run by {@code bench/cluster.sh}): three Keyroute processes on one
 * PostgreSQL database (reached through a {@link TcpRelay} the harness can cut) and a Redis of its
 * own, behind the harness's {@link Balancer}, answering a fake OpenAI upstream. Application traffic
 * (the official SDK, streams included) runs through the balancer while, in turn, one replica is
 * killed with SIGKILL and started again, another stopped with SIGTERM and started again (a rolling
 * upgrade's step), Redis is killed and started again (empty), and PostgreSQL is unreachable for a
 * few seconds. Then: 100 concurrent requests against one budget across the
 * replicas, a key revoked and a credential rotated on one replica while every replica is asked,
 * and, after every replica stopped gracefully, each answered request looked up in the ledger.
 * Prints Markdown tables (and writes them to {@code cluster.out}).
 *
 * <p>System properties: {@code cluster.root} (the checkout, whose {@code ./keyroute} starts the
 * replicas), {@code cluster.work} (a scratch directory), {@code cluster.out}, and optionally {@code cluster.pg.host} / {@code cluster.pg.port} /
 * {@code cluster.pg.database} (127.0.0.1, 5432, keyroute_cluster: a database of the harness's own,
 * user postgres), {@code cluster.redis.port} (6390), {@code cluster.port} (18300: the balancer,
 * then one port per replica), {@code cluster.machine} (said in the heading); the environment's
 * {@code CLUSTER_ADMIN_TOKEN} is the replicas' admin token.
 */
public final class ClusterHarness {
    private static final int REPLICAS = 3;
    private static final String ROTATED = "Answered with the rotated credential.";
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root = Path.of(System.getProperty("cluster.root"));
    private final Path work = Path.of(System.getProperty("cluster.work"));
    private final String adminToken = System.getenv("CLUSTER_ADMIN_TOKEN");
    private final String pgHost = System.getProperty("cluster.pg.host", "127.0.0.1");
    private final int pgPort = Integer.getInteger("cluster.pg.port", 5432);
    private final String database = System.getProperty("cluster.pg.database", "keyroute_cluster");
    private final int redisPort = Integer.getInteger("cluster.redis.port", 6390);
    private final int port = Integer.getInteger("cluster.port", 18300);

    private final Report report = new Report();
    private final List<Phase> phases = new ArrayList<>();
    private final List<String> answeredIds = new ArrayList<>();
    private List<Traffic.Outcome> outcomes = List.of();
    private String budgetedUser;
    private BudgetRace.Result race;

    public static void main(String[] args) throws Exception {
        String text = new ClusterHarness().run();
        System.out.println(text);
        String out = System.getProperty("cluster.out");
        if (out != null) {
            Files.writeString(Path.of(out), text);
        }
        System.exit(0); // the SDK's and the fake's threads would keep the JVM alive
    }

    private String run() throws Exception {
        String upstreamKey = secret("sk-cluster-");
        String firstCredential = secret("sk-cluster-k1-");
        String rotatedCredential = secret("sk-cluster-k2-");
        String dearKey = secret("sk-cluster-dear-");
        report.heading("## Keyroute cluster harness, " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\n\n" + REPLICAS + " replicas (separate JVMs, `./keyroute serve`) on PostgreSQL `" + database
                + "` through a TCP relay and a private Redis (:" + redisPort + "), behind the harness's round-robin balancer; "
                + "a fake OpenAI upstream (20 ms between stream events); machine: "
                + System.getProperty("cluster.machine", Runtime.getRuntime().availableProcessors() + " cores") + ".");
        try (FakeOpenAi fake = FakeOpenAi.builder().apiKeys(upstreamKey, firstCredential)
                .replyFor(rotatedCredential, Reply.text(ROTATED))
                .replyFor(dearKey, Reply.text("A dear answer.").usage(60, 1000, 0, 0))
                .recordRequests(false).chunkDelay(Duration.ofMillis(20)).start();
             TcpRelay postgres = new TcpRelay(pgHost, pgPort)) {
            var redis = new PrivateRedis(redisPort, work.resolve("redis.log"));
            redis.start();
            Path config = writeConfig(fake.port(), postgres.port(), redis.url());
            Map<String, String> env = Map.of("KEYROUTE_ADMIN_TOKEN", adminToken,
                    "KEYROUTE_MASTER_KEY", Base64.getEncoder().encodeToString(bytes(32)),
                    "KEYROUTE_START_CACHE", "off", "CLUSTER_UPSTREAM_KEY", upstreamKey, "CLUSTER_DEAR_KEY", dearKey);
            List<Replica> replicas = new ArrayList<>();
            for (int i = 1; i <= REPLICAS; i++) {
                replicas.add(new Replica("replica-" + i, root.resolve("keyroute"), work.resolve("replica-" + i), config,
                        port + i, env));
            }
            Balancer balancer = null;
            try {
                replicas.getFirst().start(); // the first migrates the new database
                replicas.getFirst().awaitReady(READY_WITHIN);
                replicas.stream().skip(1).forEach(Replica::start);
                for (Replica replica : replicas) {
                    replica.awaitReady(READY_WITHIN);
                }
                balancer = new Balancer(port, replicas.stream().map(r -> new Balancer.Backend(r.name(), r.baseUrl())).toList());
                measure(replicas, balancer, redis, postgres, firstCredential, rotatedCredential);
            } catch (Exception e) { // what was measured until then is still reported
                report.heading("**The run stopped early:** " + e + " (the replicas' logs are in " + work + ")");
                e.printStackTrace();
            } finally {
                for (Replica replica : replicas) {
                    replica.stop(Duration.ofSeconds(30));
                }
                if (balancer != null) {
                    balancer.close();
                }
                redis.kill();
            }
            try {
                ledger();
            } catch (Exception e) {
                report.heading("**The ledger could not be read:** " + e);
            }
        }
        return report.render(phases, outcomes);
    }

    private void measure(List<Replica> replicas, Balancer balancer, PrivateRedis redis, TcpRelay postgres,
                         String firstCredential, String rotatedCredential) throws Exception {
        var admin = new Admin(replicas.getFirst().baseUrl(), adminToken);
        // As a company's keys are: rate limits and a budget of its own, so every request reserves and
        // takes in Redis (set far above what the run spends).
        Admin.Tenant load = admin.tenant("load", "\"rpm\":1000000,\"tpm\":1000000000,\"budget_usd\":1000");

        var sdk = Traffic.sdk(balancer.baseUrl(), load.key(), 4);
        var traffic = new Traffic(sdk, "cluster", 6, Duration.ofMillis(25));
        try {
            faults(replicas, balancer, redis, postgres);
        } finally {
            traffic.close();
            outcomes = traffic.outcomes();
            sdk.close();
        }
        outcomes.stream().filter(o -> o.answered() && o.requestId() != null).forEach(o -> answeredIds.add(o.requestId()));
        phases.forEach(phase -> report.goal("errors seen by the retrying client: " + phase.name(),
                phase.errors(outcomes) + " of " + phase.of(outcomes).size()
                        + (phase.inFlightOnKilled() >= 0 ? " (" + phase.inFlightOnKilled() + " in flight on the killed replica)" : ""),
                phase.inFlightOnKilled() >= 0 ? "≤ the requests in flight on the killed replica" : "0",
                phase.met(outcomes)));
        long unphased = outcomes.stream().filter(o -> !o.answered())
                .filter(o -> phases.stream().noneMatch(phase -> phase.failures(List.of(o)).size() == 1)).count();
        if (unphased > 0) {
            report.goal("errors seen by the retrying client after the last phase", String.valueOf(unphased), "0", false);
        }

        List<String> urls = replicas.stream().map(Replica::baseUrl).toList();
        // Each on its own: one that cannot be measured leaves the others' figures.
        apart("budget overshoot", () -> budget(admin, urls));
        apart("key revocation", () -> revocation(admin, urls, load));
        apart("credential rotation", () -> rotation(admin, urls, firstCredential, rotatedCredential));
    }

    private interface Measurement {
        void run() throws Exception;
    }

    private void apart(String what, Measurement measurement) {
        try {
            measurement.run();
        } catch (Exception e) {
            report.goal(what, "not measured: " + e, "", false);
        }
    }

    /** Steady load, then each fault in turn with a few seconds to recover after it. */
    private void faults(List<Replica> replicas, Balancer balancer, PrivateRedis redis, TcpRelay postgres) throws Exception {
        phase("steady (no fault)", balancer, Duration.ofSeconds(8), () -> -1, () -> "");

        Replica victim = replicas.get(1);
        var inFlight = new AtomicInteger(-1);
        phase("replica killed (-9) and restarted", balancer, Duration.ofSeconds(4), inFlight::get, () -> {
            inFlight.set(balancer.backend(victim.name()).inFlight.get()); // read at the kill
            victim.kill();
            Thread.sleep(1_500); // down a while, as a supervisor's restart takes
            victim.start();
            Duration ready = victim.awaitReady(READY_WITHIN);
            return victim.name() + " killed with " + inFlight.get() + " requests in flight on it; started again 1.5 s later, ready "
                    + millis(ready) + " after its start";
        });

        Replica rolled = replicas.get(2);
        phase("replica stopped (SIGTERM) and restarted, as in a rolling upgrade", balancer, Duration.ofSeconds(4), () -> -1, () -> {
            long stopping = System.nanoTime();
            int exit = rolled.stop(Duration.ofSeconds(30));
            Duration drained = Duration.ofNanos(System.nanoTime() - stopping);
            rolled.start();
            Duration ready = rolled.awaitReady(READY_WITHIN);
            return rolled.name() + " drained and exited (" + exit + ") " + millis(drained) + " after SIGTERM; ready "
                    + millis(ready) + " after its start";
        });

        phase("Redis killed and restarted (empty)", balancer, Duration.ofSeconds(4), () -> -1, () -> {
            redis.kill();
            Thread.sleep(2_000);
            redis.start();
            return "Redis down 2 s, back without any key";
        });

        phase("PostgreSQL unreachable 3 s", balancer, Duration.ofSeconds(4), () -> -1, () -> {
            postgres.cut();
            Thread.sleep(3_000);
            postgres.restore();
            return "every database connection cut and new ones refused for 3 s";
        });
    }

    private interface Fault {
        String apply() throws Exception;
    }

    /** @param inFlightOnKilled what the fault left in flight on a replica it killed (read after it), or -1 */
    private void phase(String name, Balancer balancer, Duration recovery, IntSupplier inFlightOnKilled, Fault fault)
            throws Exception {
        Balancer.Counters before = balancer.counters();
        long start = System.nanoTime();
        String note;
        try {
            note = fault.apply();
            Thread.sleep(recovery);
        } catch (RuntimeException e) {
            note = "the fault failed: " + e.getMessage();
        }
        phases.add(new Phase(name, start, System.nanoTime(), note, balancer.counters().minus(before),
                inFlightOnKilled.getAsInt()));
    }

    private void budget(Admin admin, List<String> urls) throws InterruptedException {
        Admin.Tenant budgeted = admin.tenant("budgeted");
        admin.put("/users/" + budgeted.user() + "/budget", "{\"period\":\"daily\",\"limit_usd\":0.01}");
        budgetedUser = budgeted.user();
        Thread.sleep(1_500); // other replicas read a new budget within their cache's freshness (1 s on PostgreSQL)
        race = BudgetRace.run(urls, budgeted.key(), "budgeted", 100, 1000);
        answeredIds.addAll(race.answeredIds());
    }

    private void revocation(Admin admin, List<String> urls, Admin.Tenant load) throws InterruptedException {
        Admin.Tenant revoked = admin.key(load, "revoked");
        boolean warm = urls.stream().allMatch(url -> Visibility.ask(url, revoked.key(), "cluster").status() == 200);
        admin.delete("/keys/" + revoked.keyId());
        long changed = System.nanoTime();
        List<Long> millis = Visibility.millisUntil(urls, revoked.key(), "cluster", changed, a -> a.status() == 401,
                Duration.ofSeconds(30));
        report.goal("key revoked on replica-1: refused by replica-1 / 2 / 3 after (ms)", Report.joined(millis, ClusterHarness::shown)
                + (warm ? "" : " (the key was not served by every replica before)"), "≤ 1000 ms each", warm && within(millis, 1000));
    }

    private void rotation(Admin admin, List<String> urls, String firstCredential, String rotatedCredential)
            throws InterruptedException {
        Admin.Tenant byok = admin.tenant("byok");
        String credential = admin.post("/workspaces/" + byok.workspace() + "/llm-credentials",
                "{\"provider\":\"fake\",\"name\":\"rotating\",\"api_key\":\"" + firstCredential + "\"}").path("id").asText();
        boolean warm = urls.stream().allMatch(url -> {
            var answer = Visibility.ask(url, byok.key(), "cluster");
            return answer.status() == 200 && !answer.body().contains(ROTATED);
        });
        admin.patch("/workspaces/" + byok.workspace() + "/llm-credentials/" + credential,
                "{\"api_key\":\"" + rotatedCredential + "\"}");
        long changed = System.nanoTime();
        List<Long> millis = Visibility.millisUntil(urls, byok.key(), "cluster", changed,
                a -> a.status() == 200 && a.body().contains(ROTATED), Duration.ofSeconds(30));
        report.goal("workspace credential rotated on replica-1: the new one used by replica-1 / 2 / 3 after (ms)",
                Report.joined(millis, ClusterHarness::shown) + (warm ? "" : " (the first credential was not in use everywhere before)"),
                "≤ 1000 ms each", warm && within(millis, 1000));
    }

    /** After every replica stopped (a graceful stop flushes its ledger; the killed one replayed its journal at restart). */
    private void ledger() throws Exception {
        var ledger = new Ledger("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database + "?user=postgres");
        long noId = outcomes.stream().filter(o -> o.answered() && o.requestId() == null).count();
        Set<String> missing = ledger.missing(answeredIds);
        report.goal("answered requests (200 and the whole answer: the load's and the budget's) missing from the ledger",
                missing.size() + " of " + answeredIds.size() + (noId > 0 ? " (" + noId + " answers had no request id)" : "")
                        + (missing.isEmpty() ? "" : ": " + missing.stream().limit(5).collect(Collectors.joining(", "))),
                "0", missing.isEmpty() && noId == 0);
        if (race != null) {
            Ledger.Spending spent = ledger.spending(budgetedUser);
            long limit = 10_000;
            long overshoot = Math.max(0, spent.micros() - limit);
            report.goal("budget overshoot: " + race.sent() + " concurrent requests over " + REPLICAS + " replicas, limit $0.01",
                    usd(overshoot) + " (spent " + usd(spent.micros()) + " in " + spent.requests() + " requests; "
                            + race.answered() + " answered, " + race.refusedBudget() + " refused 429"
                            + (race.otherErrors().isEmpty() ? "" : ", other errors: " + race.otherErrors().stream().distinct().toList())
                            + ")", "≤ one request's cost (" + usd(spent.dearestMicros()) + ")",
                    overshoot <= spent.dearestMicros() && spent.requests() == race.answered());
        }
    }

    private Path writeConfig(int upstreamPort, int postgresPort, String redisUrl) throws java.io.IOException {
        String upstream = "http://127.0.0.1:" + upstreamPort + "/v1";
        Path config = work.resolve("keyroute.yaml");
        Files.writeString(config, """
                server: { host: 127.0.0.1, port: %d, drain_ms: 5000 }
                database: { url: "jdbc:postgresql://127.0.0.1:%d/%s?user=postgres" }
                redis: { url: "%s" }
                providers:
                  - { id: fake, type: openai-compatible, base_url: "%s", api_key: "${CLUSTER_UPSTREAM_KEY}" }
                  - { id: dear, type: openai-compatible, base_url: "%s", api_key: "${CLUSTER_DEAR_KEY}" }
                models: # priced, for budgets; a model added here has only the capabilities it lists
                  - { id: fake/gpt-4o-mini, input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.60, capabilities: [streaming, tools, json_mode] }
                  - { id: dear/gpt-4o-mini, input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.60, capabilities: [streaming, tools, json_mode] }
                routes:
                  - { name: cluster, strategy: fallback, candidates: [fake/gpt-4o-mini] }
                  - { name: budgeted, strategy: fallback, candidates: [dear/gpt-4o-mini] }
                plans:
                  pro: { models: ["*"], byok: true }
                """.formatted(port + 1, postgresPort, database, redisUrl, upstream, upstream));
        return config;
    }

    private static boolean within(List<Long> millis, long bound) {
        return millis.stream().allMatch(m -> m >= 0 && m <= bound);
    }

    private static String shown(Long millis) {
        return millis < 0 ? "never (30 s)" : millis.toString();
    }

    private static String millis(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String usd(long micros) {
        return String.format("$%.6f", micros / 1e6);
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String secret(String prefix) {
        return prefix + HexFormat.of().formatHex(bytes(16));
    }
}
