package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.keyroute.api.Secrets;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * An upstream that quotes back the key it received, in a format no shape-based scrubber knows:
 * the key is masked in every answer (JSON errors, a stream's error event, both API shapes), every
 * log event (taken before the log's own masker) and every stored row, for the operator's system
 * key and for a user's stored key.
 */
class SentKeyEchoTest {
    private static final String SYSTEM_KEY = "abc123-customformat-" + "0f9e8d7c6b5a.system";
    /** OpenAI's prefix (stored keys are checked for it), then nothing the shape scrubber knows. */
    private static final String USER_KEY = "sk-ab.customformat." + "1a2b3c4d5e6f.user";
    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @Test
    void theSystemKeyEchoedBackReachesNoAnswerLogOrRecord() throws Exception {
        assertThat(Secrets.scrub(SYSTEM_KEY)).as("a format the shape scrubber does not know").isEqualTo(SYSTEM_KEY);
        List<String> seen = new ArrayList<>();
        List<String> logs = logsDuring(() -> {
            try (var rejecting = FakeOpenAi.builder().apiKey("sk-" + "proj-someoneElsesKey0123456789").echoRejectedKeys().start();
                 var accepting = FakeOpenAi.start(SYSTEM_KEY);
                 var keyroute = TestGateway.with(config(rejecting.baseUrl(), accepting.baseUrl()),
                         Caller.unrestricted("key_test", "user_test"))) {
                // The key is refused and quoted: answered before any stream, in both shapes.
                for (String stream : List.of("", ",\"stream\":true")) {
                    HttpResponse<String> refused = keyroute.post("/chat/completions", CHAT.formatted("openai/gpt-4o-mini", stream));
                    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
                    assertThat(refused.body()).contains("Incorrect API key provided: " + Secrets.mask(SYSTEM_KEY));
                    seen.add(describe(refused));
                }
                seen.add(describe(keyroute.call("POST", "/v1/messages",
                        "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
                // Accepted, then quoted in an error event in the middle of the stream: relayed as is, and translated.
                String midStream = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
                        + "data: {\"error\":{\"message\":\"Key " + SYSTEM_KEY + " was revoked mid-answer\",\"type\":\"server_error\"}}\n\n";
                accepting.enqueue(Reply.raw(200, "text/event-stream", midStream), Reply.raw(200, "text/event-stream", midStream));
                HttpResponse<String> relayed = keyroute.post("/chat/completions", CHAT.formatted("compat/m", ",\"stream\":true"));
                assertThat(relayed.body()).contains("Hel").contains("Key " + Secrets.mask(SYSTEM_KEY) + " was revoked");
                seen.add(describe(relayed));
                HttpResponse<String> translated = keyroute.call("POST", "/v1/messages",
                        "{\"model\":\"compat/m\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(translated.body()).contains("Hel").contains("event: error");
                seen.add(describe(translated));
                keyroute.awaitRecords(5).forEach(r -> seen.add(r.toString()));
            }
        });
        seen.addAll(logs);

        assertThat(seen).hasSizeGreaterThan(5);
        assertThat(String.join("\n", seen)).doesNotContain(SYSTEM_KEY).doesNotContain("0f9e8d7c6b5a");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aUsersStoredKeyEchoedBackReachesNoAnswerLogOrStoredRow(TestDatabase db) throws Exception {
        assertThat(Secrets.scrub(USER_KEY)).as("a format the shape scrubber does not know").isEqualTo(USER_KEY);
        List<String> seen = new ArrayList<>();
        List<String> logs = logsDuring(() -> {
            try (var upstream = FakeOpenAi.builder().apiKey("sk-" + "proj-someoneElsesKey0123456789").echoRejectedKeys().start();
                 var g = new VaultGateway(db, upstream.baseUrl())) {
                Tenancy t = Tenancy.create(g);
                String mine = "/api/v1/users/me/llm-credentials";
                Response stored = g.call("POST", mine, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + USER_KEY + "\"}");
                assertThat(stored.status()).as(stored.body()).isEqualTo(201);

                Response refused = g.chat(t.adaKey(), null);
                assertThat(refused.status()).isGreaterThanOrEqualTo(400);
                assertThat(refused.body()).contains("Incorrect API key provided: " + Secrets.mask(USER_KEY));
                Response validated = g.call("POST", mine + "/" + stored.text("id") + "/validate", t.adaKey(), null);
                assertThat(validated.body()).contains(Secrets.mask(USER_KEY));
                assertThat(g.awaitUsageRows(1)).isEqualTo(1);
                seen.addAll(g.responses);
                seen.addAll(g.storedRows());
            }
        });
        seen.addAll(logs);

        assertThat(String.join("\n", seen)).contains("credential.validated")
                .doesNotContain(USER_KEY).doesNotContain("1a2b3c4d5e6f");
    }

    /** Providers {@code openai} and {@code compat} (OpenAI-compatible), both with the custom-format system key. */
    private static KeyrouteConfig config(String openAiBaseUrl, String compatBaseUrl) {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 256), null, null,
                List.of(new ProviderSettings("openai", "openai", openAiBaseUrl, SYSTEM_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("compat", "openai-compatible", compatBaseUrl, SYSTEM_KEY, 5_000L, 2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
    }

    /** Every log event while {@code body} runs, as logged: before the log's own masker. */
    private static List<String> logsDuring(Body body) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        try {
            body.run();
        } finally {
            root.detachAppender(appender);
        }
        return appender.list.stream().map(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + response.body();
    }
}
