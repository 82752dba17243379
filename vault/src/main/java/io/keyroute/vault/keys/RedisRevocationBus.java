package io.keyroute.vault.keys;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations over Redis pub/sub. A message carries only the key's SHA-256, which is what the
 * caches are keyed by; the key itself never leaves the replica that saw it.
 *
 * <p>Best effort, after the revocation is committed: the database is the truth and each replica's
 * cache forgets a key within a minute anyway, so Redis being down must never fail a revocation.
 * Publishing happens off the caller's thread (connecting on first use, bounded by a short timeout)
 * and a failure is logged; a subscription that cannot be made at start is retried until it is,
 * after which Lettuce reconnects and re-subscribes by itself.
 */
public final class RedisRevocationBus implements RevocationBus {
    static final String CHANNEL = "keyroute:keys:revoked";
    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationBus.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long RESUBSCRIBE_SECONDS = 5;

    private final RedisClient client;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("keyroute-revocation-bus").daemon().factory());
    private volatile StatefulRedisConnection<String, String> publisher; // connected on the background thread
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;

    public RedisRevocationBus(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
    }

    @Override
    public void publish(String keyHash) {
        run(() -> {
            try {
                if (publisher == null) {
                    publisher = client.connect();
                }
                publisher.sync().publish(CHANNEL, keyHash);
            } catch (RuntimeException e) {
                LOG.warn("key revocation not sent over Redis ({}); other replicas drop the key from their caches "
                        + "within a minute", e.toString());
            }
        });
    }

    @Override
    public void subscribe(Consumer<String> onRevoked) {
        StatefulRedisPubSubConnection<String, String> connection = null;
        try {
            connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (CHANNEL.equals(channel)) {
                        onRevoked.accept(message);
                    }
                }
            });
            connection.sync().subscribe(CHANNEL);
            subscriber = connection;
        } catch (RuntimeException e) {
            LOG.warn("cannot subscribe to key revocations over Redis ({}); retrying every {} s, meanwhile other "
                    + "replicas' revocations reach this one within a minute", e.toString(), RESUBSCRIBE_SECONDS);
            if (connection != null) {
                connection.close();
            }
            try {
                background.schedule(() -> subscribe(onRevoked), RESUBSCRIBE_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closed) {
                // the bus is closed: nothing to subscribe for
            }
        }
    }

    private void run(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.debug("revocation bus closed; not sent");
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown();
    }
}
