package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Drives every path a key could leak through (success, streaming, bad keys, provider errors that
 * quote the key, malformed bodies carrying keys) and scans everything Keyroute produced: response
 * bodies and headers, log events before any scrubbing, and usage records.
 */
class SecretLeakTest {
    private static final String STRANGER_KEY = "kr-" + "StrangerStrangerStrangerStrangerStranger123";

    @Test
    void noKeyAppearsInResponsesLogsOrRecords() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        root.addAppender(logs);
        List<String> seen = new ArrayList<>();
        try (var upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
             var keyroute = TestGateway.inFrontOf(upstream.baseUrl(), 5_000, 1, java.time.Duration.ofSeconds(2))) {
            String ok = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            seen.add(describe(keyroute.post("/chat/completions", ok)));
            seen.add(describe(keyroute.post("/chat/completions", ok.replace("}]}", "}],\"stream\":true}"))));
            upstream.enqueue(Reply.error(500, "Internal error while using key " + TestGateway.UPSTREAM_KEY));
            seen.add(describe(keyroute.post("/chat/completions", ok)));
            upstream.enqueue(Reply.error(401, "Incorrect API key provided: " + TestGateway.UPSTREAM_KEY));
            seen.add(describe(keyroute.post("/chat/completions", ok)));
            seen.add(describe(keyroute.post("/chat/completions", "{\"model\":\"" + TestGateway.UPSTREAM_KEY + "\",")));
            seen.add(describe(keyroute.post("/chat/completions",
                    "{\"model\":\"" + TestGateway.KEYROUTE_KEY + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));
            seen.add(describe(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/chat/completions"))
                    .header("Authorization", "Bearer " + STRANGER_KEY).POST(HttpRequest.BodyPublishers.ofString(ok)).build(),
                    HttpResponse.BodyHandlers.ofString())));
            keyroute.awaitRecords(7).forEach(r -> seen.add(r.toString()));
        } finally {
            root.detachAppender(logs);
        }
        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }

        assertThat(seen).hasSizeGreaterThan(8);
        assertThat(String.join("\n", seen))
                .doesNotContain(TestGateway.UPSTREAM_KEY)
                .doesNotContain(TestGateway.KEYROUTE_KEY)
                .doesNotContain(STRANGER_KEY)
                .contains("sk-…WXYZ"); // the provider's message survives, with the key masked
    }

    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + response.body();
    }
}
