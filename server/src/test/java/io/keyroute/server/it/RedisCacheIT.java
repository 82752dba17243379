package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.AnswerSelection;
import io.keyroute.server.cache.AnswerStore;
import io.keyroute.server.cache.AnswerStores;
import io.keyroute.server.config.CacheSettings;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.RedisSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.lettuce.core.RedisClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact cache in the real Redis ({@code cache.exact.store: redis}), shared by two replicas: what one answered
 * the other replays, whole and streamed; Redis keeps each answer for its time to live; invalidation scans and
 * removes a workspace's keys.
 */
class RedisCacheIT {
    private final String workspace = "ws_redis_" + UUID.randomUUID();
    private String redisUrl;
    private FakeOpenAi upstream;
    private TestGateway one;
    private TestGateway two;

    @BeforeEach
    void start() {
        var redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        redisUrl = redis.get();
        upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        KeyrouteConfig base = TestGateway.config(upstream.baseUrl(), 5_000, 1, java.time.Duration.ofSeconds(30));
        KeyrouteConfig config = base.withInfrastructure(base.server(), base.database(), new RedisSettings(redisUrl))
                .withCache(new CacheSettings(new ExactCacheSettings(true, 120L, "redis", null, null, null, null, null), null));
        var caller = new Caller("key_r", "user_r", workspace, null, Set.of(), false);
        one = TestGateway.with(config, caller);
        two = TestGateway.with(config, caller);
    }

    @AfterEach
    void stop() {
        if (upstream == null) {
            return;
        }
        one.close();
        two.close();
        upstream.close();
    }

    private long cachedAnswers() {
        RedisClient client = RedisClient.create(redisUrl);
        try (var connection = client.connect()) {
            return connection.sync().keys("keyroute:cache:*").size();
        } finally {
            client.shutdown();
        }
    }

    /** Waits (up to 10 s) until Redis holds {@code count} answers: the store is written after the answer is sent. */
    private void awaitCachedAnswers(long count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (cachedAnswers() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void oneReplicasAnswerIsReplayedByTheOtherWithinItsTimeToLive() throws Exception {
        upstream.enqueue(Reply.chunks("sha", "red"));
        String whole = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"R1\"}]}";
        String streamed = whole.replace("R1", "R2").replace("{\"model\"", "{\"stream\":true,\"model\"");

        long before = cachedAnswers();
        HttpResponse<String> streamMiss = one.post("/chat/completions", streamed);
        awaitCachedAnswers(before + 1); // a stream is stored once its last byte went out: the caller can be faster
        HttpResponse<String> streamHit = two.post("/chat/completions", streamed);
        HttpResponse<String> miss = two.post("/chat/completions", whole);
        awaitCachedAnswers(before + 2);
        HttpResponse<String> hit = one.post("/chat/completions", whole);

        assertThat(streamMiss.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(streamHit.headers().firstValue("x-keyroute-cache")).hasValue("hit");
        assertThat(streamHit.body()).isEqualTo(streamMiss.body()).contains("\"sha\"").endsWith("data: [DONE]\n\n");
        assertThat(miss.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(hit.headers().firstValue("x-keyroute-cache")).hasValue("hit");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(upstream.requestCount()).isEqualTo(2);

        RedisClient client = RedisClient.create(redisUrl);
        try (var connection = client.connect()) {
            List<String> keys = connection.sync().keys("keyroute:cache:*");
            String mine = keys.stream().filter(k -> String.valueOf(connection.sync().get(k)).contains("Echo: R1"))
                    .findFirst().orElseThrow();
            assertThat(mine).matches("keyroute:cache:[0-9a-f]{12}\\.-\\.[0-9a-f]{12}\\.[0-9a-f]{64}");
            assertThat(connection.sync().pttl(mine)).isBetween(1L, 120_000L);
        } finally {
            client.shutdown();
        }

        try (AnswerStore store = AnswerStores.redis(new ExactCacheSettings(true, 120L), redisUrl, "keyroute:cache:")) {
            assertThat(store.remove(new AnswerSelection(workspace, null))).isEqualTo(2);
            assertThat(store.remove(new AnswerSelection(workspace, null))).isZero();
        }
        assertThat(two.post("/chat/completions", whole).headers().firstValue("x-keyroute-cache")).hasValue("miss");
        try (AnswerStore store = AnswerStores.redis(new ExactCacheSettings(true, 120L), redisUrl, "keyroute:cache:")) {
            store.remove(new AnswerSelection(workspace, null));
        }
    }
}
