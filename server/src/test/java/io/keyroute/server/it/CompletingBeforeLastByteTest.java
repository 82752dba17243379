package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.auth.Caller;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The usage sinks hear of a request ({@link UsageSink#completing}, where the ledger journals it)
 * before the caller has its whole answer: while that call is held, the answer does not complete,
 * whether it is JSON, a stream or an error.
 */
class CompletingBeforeLastByteTest {
    private final CountDownLatch completing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<RequestRecord> held = new AtomicReference<>();
    private FakeOpenAi upstream;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        UsageSink holding = new UsageSink() {
            @Override
            public void completing(RequestRecord record) {
                held.set(record);
                completing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void record(RequestRecord record) {
            }
        };
        keyroute = TestGateway.with(TestGateway.config(upstream.baseUrl(), 5_000, 1, Duration.ofSeconds(2)),
                Caller.unrestricted("key_test", "user_test"), holding);
    }

    @AfterEach
    void stop() {
        release.countDown();
        keyroute.close();
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "stream", "error"})
    void theAnswerEndsOnlyAfterItsRecordWasHandedOver(String kind) throws Exception {
        upstream.enqueue(kind.equals("error") ? Reply.error(400, "bad request") : Reply.chunks("hel", "lo").usage(7, 2, 0, 0));
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":" + kind.equals("stream")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        // Lines as they arrive: a stream's last event must not have arrived while the record is held.
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Void>> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/chat/completions"))
                        .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));

        assertThat(completing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> answer.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(lines).noneMatch(line -> line.contains("[DONE]"));
        release.countDown();

        HttpResponse<Void> response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(kind.equals("error") ? 400 : 200);
        assertThat(held.get().status()).isEqualTo(response.statusCode());
        assertThat(held.get().usage().totalTokens()).isEqualTo(kind.equals("error") ? 0 : 9);
        assertThat(keyroute.awaitRecord(1)).isSameAs(held.get()); // the same record, made once
        if (kind.equals("stream")) {
            assertThat(lines).contains("data: [DONE]");
        }
    }

    private record LineCollector(List<String> lines) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
