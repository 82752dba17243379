package io.keyroute.vault.keys;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Consumer;

/**
 * Revocations over Redis pub/sub. A message carries only the key's SHA-256, which is what the
 * caches are keyed by; the key itself never leaves the replica that saw it.
 */
public final class RedisRevocationBus implements RevocationBus {
    static final String CHANNEL = "keyroute:keys:revoked";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;

    public RedisRevocationBus(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.publisher = client.connect();
        this.subscriber = client.connectPubSub();
    }

    @Override
    public void publish(String keyHash) {
        publisher.sync().publish(CHANNEL, keyHash);
    }

    @Override
    public void subscribe(Consumer<String> onRevoked) {
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (CHANNEL.equals(channel)) {
                    onRevoked.accept(message);
                }
            }
        });
        subscriber.sync().subscribe(CHANNEL);
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
        client.shutdown();
    }
}
