package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import io.keyroute.catalog.Target;
import io.keyroute.server.Gateway;
import io.keyroute.server.accounting.LedgerSink;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.ExperimentSettings;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.experiments.Experiment;
import io.keyroute.store.Database;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.LedgerJournal;
import io.keyroute.usage.UsageLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An A/B experiment through the real gateway on loopback: route {@code auto} (candidate
 * {@code alpha/gpt-4o-mini}) split 3:1 between arm {@code alpha/gpt-4o-mini} and arm
 * {@code beta/gpt-4o-mini}, two fake OpenAI upstreams. Users land on arms by weight and stay there,
 * and each request's arm is in the ledger.
 */
class ExperimentSplitTest {
    private static final String ALPHA_KEY = "sk-proj-" + "alphaAlphaAlphaAlphaAlphaAlpha0001";
    private static final String BETA_KEY = "sk-proj-" + "betaBetaBetaBetaBetaBetaBetaBeta0001";
    private static final String ALPHA = "alpha/gpt-4o-mini";
    private static final String BETA = "beta/gpt-4o-mini";
    private static final int USERS = 240;
    private static final ExperimentSettings SPLIT = new ExperimentSettings("mini-ab", "auto",
            List.of(new ExperimentSettings.Arm(ALPHA, 3), new ExperimentSettings.Arm(BETA, 1)));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String token(int user) {
        return "kr-" + "experimentUser%04dXXXXXXXXXXXXXXXXXXXXXXXX".formatted(user);
    }

    /** A gateway in front of alpha and beta, user {@code i} calling with {@link #token(int)}, its ledger in {@code db}. */
    private static Gateway gateway(Database db, String alphaUrl, String betaUrl) throws Exception {
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 256), null, null,
                List.of(new ProviderSettings("alpha", "openai", alphaUrl, ALPHA_KEY, 5_000L, 1_000L, Map.of()),
                        new ProviderSettings("beta", "openai", betaUrl, BETA_KEY, 5_000L, 1_000L, Map.of())),
                List.of(), List.of(new RouteSettings("auto", "fallback", List.of(ALPHA), List.of(), Map.of())),
                new RetrySettings(1, 1L, 5L), null, null).withExperiments(List.of(SPLIT));
        Map<String, Caller> callers = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            callers.put(TokenHash.of(Secret.of(token(u))), new Caller("key_" + u, "user_" + u, "ws_1", null, Set.of(), false));
        }
        Path journal = Files.createTempDirectory("keyroute-ledger").resolve("ledger.journal");
        var ledger = UsageLedger.start(db, LedgerJournal.open(journal, LedgerJournal.DEFAULT_SEGMENT_BYTES),
                UsageLedger.Settings.DEFAULT);
        return Gateway.builder(config, new StaticTokenAuthenticator(callers))
                .usage(new LedgerSink(ledger, Clock.systemUTC())).start();
    }

    private HttpResponse<String> chat(Gateway gateway, int user, String model) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Experiment experiment() {
        return new Experiment("mini-ab", "auto", List.of(new Experiment.Arm(ALPHA, new Target("alpha", "gpt-4o-mini"), 3),
                new Experiment.Arm(BETA, new Target("beta", "gpt-4o-mini"), 1)));
    }

    @Test
    void usersLandOnArmsByWeightAndStayThereAndTheLedgerNamesTheirArm() throws Exception {
        try (var alpha = FakeOpenAi.builder().apiKey(ALPHA_KEY).start();
             var beta = FakeOpenAi.builder().apiKey(BETA_KEY).start();
             Database db = Database.open(TestServices.sqlite().url())) {
            db.migrate();
            Map<Integer, String> servedBy = new HashMap<>();
            try (Gateway gateway = gateway(db, alpha.baseUrl(), beta.baseUrl())) {
                for (int round = 0; round < 3; round++) {
                    // Every user once, then the first 40 twice more: a user's later requests go where the first went.
                    for (int u = 0; u < (round == 0 ? USERS : 40); u++) {
                        HttpResponse<String> r = chat(gateway, u, "auto");
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                        String provider = r.headers().firstValue("x-keyroute-provider").orElseThrow();
                        assertThat(servedBy.putIfAbsent(u, provider)).as("user %d", u).isIn(null, provider);
                        assertThat(r.headers().firstValue("x-keyroute-route-reason").orElseThrow())
                                .startsWith("Experiment 'mini-ab' put this caller on arm " + provider + "/gpt-4o-mini");
                    }
                }
                // A model asked for by name is no route's: outside the experiment.
                assertThat(chat(gateway, 0, BETA).statusCode()).isEqualTo(200);
            }
            long onAlpha = servedBy.values().stream().filter("alpha"::equals).count();
            assertThat(alpha.requestCount() + beta.requestCount()).isEqualTo(USERS + 80 + 1);
            // 3:1 over 240 users: 180 expected, 6.7 the binomial standard deviation.
            assertThat(onAlpha).isBetween(160L, 200L);
            Experiment experiment = experiment();
            servedBy.forEach((u, provider) -> assertThat(experiment.assign("user_" + u).target().providerId())
                    .as("user %d", u).isEqualTo(provider));

            List<String[]> rows = db.jdbc().query("SELECT user_id, provider, experiment, experiment_arm FROM usage_events",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            assertThat(rows).hasSize(USERS + 80 + 1);
            assertThat(rows.stream().filter(r -> r[2] == null)).singleElement()
                    .satisfies(r -> assertThat(r).containsExactly("user_0", "beta", null, null));
            assertThat(rows.stream().filter(r -> r[2] != null)).hasSize(USERS + 80).allSatisfy(r -> {
                assertThat(r[2]).isEqualTo("mini-ab");
                assertThat(r[3]).isEqualTo(r[1] + "/gpt-4o-mini");
                assertThat(r[1]).isEqualTo(servedBy.get(Integer.parseInt(r[0].substring("user_".length()))));
            });
        }
    }

    @Test
    void anArmThatCannotAnswerFailsOverToTheRoutesPlanAndStillCountsInItsArm() throws Exception {
        try (var alpha = FakeOpenAi.builder().apiKey(ALPHA_KEY).start();
             Database db = Database.open(TestServices.sqlite().url())) {
            db.migrate();
            Experiment experiment = experiment();
            int onBeta = 0;
            while (!experiment.assign("user_" + onBeta).model().equals(BETA)) {
                onBeta++;
            }
            try (Gateway gateway = gateway(db, alpha.baseUrl(), "http://127.0.0.1:9")) { // nothing listens for beta
                HttpResponse<String> r = chat(gateway, onBeta, "auto");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-keyroute-provider")).contains("alpha");
                assertThat(r.headers().firstValue("x-keyroute-attempts")).contains("2");
            }
            assertThat(db.jdbc().query("SELECT provider, experiment, experiment_arm FROM usage_events",
                    rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))))
                    .containsExactly(List.of("alpha", "mini-ab", BETA));
        }
    }
}
