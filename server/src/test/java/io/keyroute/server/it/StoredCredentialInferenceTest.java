package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Inference with vault keys and stored credentials: CONTRACT's resolution order, key pools after
 * a 429, and a scan of responses, logs and stored rows for every secret involved.
 */
class StoredCredentialInferenceTest {
    private static final String USER_KEY = "sk-proj-" + "UserUserUserUserUserUserUser0001";
    private static final String POOL_KEY = "sk-proj-" + "PoolPoolPoolPoolPoolPoolPool0002";
    private static final String WORKSPACE_KEY = "sk-proj-" + "TeamTeamTeamTeamTeamTeamTeam0003";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void resolutionOrderPoolsAndNoSecretAnywhere(TestDatabase db) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        root.addAppender(logs);
        List<String> secrets = new ArrayList<>(List.of(USER_KEY, POOL_KEY, WORKSPACE_KEY, VaultGateway.ADMIN_TOKEN));
        List<String> seen = new ArrayList<>();
        try (var upstream = FakeOpenAi.builder().apiKeys(USER_KEY, POOL_KEY, WORKSPACE_KEY).start();
             var g = new VaultGateway(db, upstream.baseUrl())) {
            secrets.add(g.masterKey);
            Tenancy t = Tenancy.create(g);
            secrets.add(t.adaKey());
            secrets.add(t.bobKey());
            // A budget, so that its rows (limits, counters, reservations) are scanned too.
            assertThat(g.call("PUT", "/api/v1/workspaces/" + t.ws() + "/budget", VaultGateway.ADMIN_TOKEN,
                    "{\"period\":\"monthly\",\"limit_usd\":100}").status()).isEqualTo(200);

            Response none = g.chat(t.adaKey(), null);
            assertThat(none.status()).isEqualTo(400);
            assertThat(none.json().at("/error/code").asText()).isEqualTo("no_credential");
            assertThat(none.json().at("/error/message").asText()).contains("openai");

            String wsCred = g.call("POST", "/api/v1/workspaces/" + t.ws() + "/llm-credentials", t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + WORKSPACE_KEY + "\"}").text("id");
            assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200);
            assertThat(lastKey(upstream)).isEqualTo(WORKSPACE_KEY);

            String mine = "/api/v1/users/me/llm-credentials";
            String first = g.call("POST", mine, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + USER_KEY + "\",\"name\":\"a\"}").text("id");
            String second = g.call("POST", mine, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + POOL_KEY + "\",\"name\":\"b\"}").text("id");
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(lastKey(upstream)).isEqualTo(USER_KEY);
            assertThat(g.chat(t.adaKey(), second).status()).isEqualTo(200);
            assertThat(lastKey(upstream)).isEqualTo(POOL_KEY);
            assertThat(g.chat(t.bobKey(), first).status()).isEqualTo(404);
            assertThat(g.chat(t.adaKey(), "cred_nope").status()).isEqualTo(404);

            // A 429 on the default: the same request is retried on the pool's next credential, and so is the next.
            upstream.enqueue(Reply.rateLimited("gpt-4o-mini", java.time.Duration.ofSeconds(30)));
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(lastKey(upstream)).isEqualTo(POOL_KEY);
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(lastKey(upstream)).isEqualTo(POOL_KEY);

            // Deleted: unusable at once; the workspace's credential is next.
            assertThat(g.call("DELETE", mine + "/" + first, t.adaKey(), null).status()).isEqualTo(204);
            assertThat(g.call("DELETE", mine + "/" + second, t.adaKey(), null).status()).isEqualTo(204);
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(lastKey(upstream)).isEqualTo(WORKSPACE_KEY);
            assertThat(g.chat(VaultGateway.ADMIN_TOKEN, null).status()).isEqualTo(403);
            assertThat(g.call("GET", "/api/v1/audit", VaultGateway.ADMIN_TOKEN, null).json().get("data")
                    .findValuesAsText("action")).contains("credential.used");
            assertThat(wsCred).isNotNull();

            assertThat(g.awaitUsageRows(10)).isEqualTo(10); // one ledger row per request above, retries included
            seen.addAll(g.responses);
            seen.addAll(g.storedRows());
        } finally {
            root.detachAppender(logs);
        }
        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        // The issue responses carry the new Keyroute keys by design; nothing else may.
        String everything = String.join("\n", seen.stream().filter(s -> !s.contains("\"key\":\"kr-")).toList());
        assertThat(seen).hasSizeGreaterThan(20);
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret).doesNotContain(secret.substring(3, 20));
        }
    }

    private static String lastKey(FakeOpenAi upstream) {
        RecordedRequest last = upstream.lastRequest();
        return last.header("authorization").substring("Bearer ".length());
    }
}
