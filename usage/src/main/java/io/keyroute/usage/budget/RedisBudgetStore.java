package io.keyroute.usage.budget;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Budget counters in Redis, shared by every replica: one Lua script reserves (check every counter,
 * then hold on all), one settles, each a single round trip that Redis runs atomically. A counter
 * is a hash (spent, reserved, one field per live hold) plus a sorted set of its holds by expiry;
 * both expire a day after their period ends. A counter Redis does not have yet starts from the
 * ledger ({@link SpendingHistory}), once.
 */
public final class RedisBudgetStore implements BudgetStore, Reachable {
    private static final Duration KEEP_AFTER_PERIOD = Duration.ofDays(1);
    /** How long a PING answer stands for readiness: a load balancer polling /ready costs Redis one a second at most. */
    private static final long PING_FRESH_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    private static final String RESERVE = script("unhold.lua") + script("reserve.lua");
    private static final String SETTLE = script("unhold.lua") + script("settle.lua");

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final SpendingHistory history;
    private final Clock clock;
    private final String reserveDigest;
    private final String settleDigest;
    private volatile long pingedAt = System.nanoTime() - PING_FRESH_NANOS;
    private volatile boolean answered;

    /** @param prefix begins every key, e.g. {@code keyroute:budget:} (tests use their own) */
    public RedisBudgetStore(String redisUrl, String prefix, SpendingHistory history, Clock clock) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
        this.redis = connection.sync();
        this.prefix = prefix;
        this.history = history;
        this.clock = clock;
        this.reserveDigest = redis.digest(RESERVE);
        this.settleDigest = redis.digest(SETTLE);
    }

    @Override
    public ReserveOutcome reserve(Reservation r) {
        String[] keys = keys(r);
        List<String> args = new ArrayList<>(4 + 2 * r.lines().size());
        args.add(String.valueOf(clock.millis()));
        args.add(r.requestId());
        args.add(String.valueOf(r.amountMicros()));
        args.add(String.valueOf(r.expiresAt().toEpochMilli()));
        for (CounterLimit line : r.lines()) {
            args.add(String.valueOf(line.limitMicros()));
            args.add(String.valueOf(keyLifetimeMillis(line.counter())));
        }
        String[] values = args.toArray(String[]::new);
        // Each round either decides or starts one missing counter, so this ends.
        for (int round = 0; round <= r.lines().size(); round++) {
            List<Object> answer = run(RESERVE, reserveDigest, keys, values);
            long code = (Long) answer.get(0);
            if (code == 1) {
                return ReserveOutcome.HELD;
            }
            CounterLimit line = r.lines().get((int) (long) (Long) answer.get(1) - 1);
            if (code == 0) {
                return new ReserveOutcome.Refused(line, new CounterState((Long) answer.get(2), (Long) answer.get(3)));
            }
            start(line.counter());
        }
        throw new IllegalStateException("budget counters of " + r.requestId() + " did not start in Redis");
    }

    @Override
    public List<CounterState> settle(Reservation r, long actualMicros) {
        List<Object> answer = run(SETTLE, settleDigest, keys(r),
                new String[] {r.requestId(), String.valueOf(r.charged(actualMicros))});
        var after = new ArrayList<CounterState>(r.lines().size());
        for (int i = 0; i < r.lines().size(); i++) {
            long spent = (Long) answer.get(2 * i);
            after.add(spent < 0 ? CounterState.EMPTY : new CounterState(spent, (Long) answer.get(2 * i + 1)));
        }
        return after;
    }

    /** ZADD XX: only a hold still in a counter's set is moved (settled ones were removed from it). */
    @Override
    public void renew(Reservation r) {
        for (CounterLimit line : r.lines()) {
            redis.zadd(key(line.counter()) + ":holds", ZAddArgs.Builder.xx(), r.expiresAt().toEpochMilli(),
                    r.requestId());
        }
    }

    @Override
    public void recompute(BudgetCounter counter) {
        start(counter);
        redis.hset(key(counter), "spent", String.valueOf(history.spentMicros(counter)));
    }

    /** Read without a script (for display): holds that expired are left out, not yet swept. */
    @Override
    public CounterState state(BudgetCounter counter) {
        start(counter);
        String key = key(counter);
        var fields = redis.hmget(key, "spent", "reserved");
        long spent = fields.get(0).optional().map(Long::parseLong).orElse(0L);
        long reserved = fields.get(1).optional().map(Long::parseLong).orElse(0L);
        List<String> expired = redis.zrangebyscore(key + ":holds",
                io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, (double) clock.millis()));
        if (!expired.isEmpty()) {
            for (var held : redis.hmget(key, expired.stream().map(id -> "h:" + id).toArray(String[]::new))) {
                reserved -= held.optional().map(Long::parseLong).orElse(0L);
            }
        }
        return new CounterState(spent, reserved);
    }

    /** A counter's first use: its spending so far from the ledger (HSETNX: one replica's value wins). */
    private void start(BudgetCounter counter) {
        String key = key(counter);
        if (redis.exists(key) == 0) {
            redis.hsetnx(key, "spent", String.valueOf(history.spentMicros(counter)));
            redis.pexpire(key, keyLifetimeMillis(counter));
        }
    }

    private List<Object> run(String script, String digest, String[] keys, String[] args) {
        try {
            return asList(redis.evalsha(digest, ScriptOutputType.MULTI, keys, args));
        } catch (RedisNoScriptException e) { // first call, or Redis restarted: EVAL loads it again
            return asList(redis.eval(script, ScriptOutputType.MULTI, keys, args));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object answer) {
        return answer instanceof List<?> list ? (List<Object>) list : List.of(answer);
    }

    private String[] keys(Reservation r) {
        String[] keys = new String[2 * r.lines().size()];
        for (int i = 0; i < r.lines().size(); i++) {
            String key = key(r.lines().get(i).counter());
            keys[2 * i] = key;
            keys[2 * i + 1] = key + ":holds";
        }
        return keys;
    }

    private String key(BudgetCounter counter) {
        return prefix + counter.id();
    }

    /**
     * How long a counter's keys live from now: a day past its period. Relative to the injected
     * clock, not an instant on Redis's own clock, so a store read with a clock of its own (a test's)
     * does not see its counters vanish the moment that clock and Redis's disagree about the date.
     */
    private long keyLifetimeMillis(BudgetCounter counter) {
        return counter.end().plus(KEEP_AFTER_PERIOD).toEpochMilli() - clock.millis();
    }

    private static String script(String name) {
        try (InputStream in = RedisBudgetStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean reachable() {
        long now = System.nanoTime();
        if (now - pingedAt >= PING_FRESH_NANOS) {
            pingedAt = now;
            try {
                answered = "PONG".equals(connection.async().ping().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answered = false;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                answered = false;
            }
        }
        return answered;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
