package io.keyroute.usage.budget;

import io.keyroute.usage.redis.LuaScript;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Budget counters in Redis, shared by every replica: one Lua script reserves (check every counter,
 * then hold on all), one settles, each a single round trip that Redis runs atomically. A counter
 * is a hash (spent, reserved, one field per live hold) plus a sorted set of its holds by expiry;
 * both expire a day after their period ends. A counter Redis does not have yet starts from the
 * ledger ({@link SpendingHistory}), once.
 *
 * <p>The reserve is waited for (it decides); the settle need not be ({@link #settleAsync}): its
 * script is written to the connection before the call returns, and its answer comes on Lettuce's
 * event loop. Ordering holds because this store has ONE connection and Redis answers a connection's
 * commands in the order they were written: a reserve this replica makes after a settle returned runs
 * after that settle's script, so it never sees a hold already settled (other replicas never could
 * wait for this one's settles anyway: the reserve's check is atomic in Redis, whoever comes first).
 * A settle whose script Redis lost (restarted) is sent again as EVAL after the NOSCRIPT answer, so a
 * reserve written in between may still see its hold: it refuses early, never overspends. {@link #close}
 * waits (bounded) for the settles still unanswered before it closes the connection.
 */
public final class RedisBudgetStore implements BudgetStore, Reachable {
    private static final Duration KEEP_AFTER_PERIOD = Duration.ofDays(1);
    /** How long a PING answer stands for readiness: a load balancer polling /ready costs Redis one a second at most. */
    private static final long PING_FRESH_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    /** How long {@link #close} waits for unanswered settles: a round trip is ~0.1 ms; more means Redis is gone. */
    private static final Duration DRAIN_WITHIN = Duration.ofSeconds(5);
    /** Counters whose keys are kept built: a period's owners with a budget, far fewer in practice. */
    private static final int KEY_PAIRS_KEPT = 100_000;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    /** Waited on for what is rare (a counter's start, a renewal, an admin's read). */
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final SpendingHistory history;
    private final Clock clock;
    /** The hot path: reserve (waited for) and settle (not waited for). */
    private final LuaScript reserve;
    private final LuaScript settle;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Map<BudgetCounter, String[]> keyPairs = new ConcurrentHashMap<>();
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
        this.reserve = new LuaScript(connection, ScriptOutputType.MULTI, RedisBudgetStore.class, "unhold.lua",
                "reserve.lua");
        this.settle = new LuaScript(connection, ScriptOutputType.MULTI, RedisBudgetStore.class, "unhold.lua",
                "settle.lua");
    }

    @Override
    public ReserveOutcome reserve(Reservation r) {
        String[] keys = keys(r);
        String[] values = new String[4 + 2 * r.lines().size()];
        values[0] = Long.toString(clock.millis());
        values[1] = r.requestId();
        values[2] = Long.toString(r.amountMicros());
        values[3] = Long.toString(r.expiresAt().toEpochMilli());
        for (int i = 0; i < r.lines().size(); i++) {
            CounterLimit line = r.lines().get(i);
            values[4 + 2 * i] = Long.toString(line.limitMicros());
            values[5 + 2 * i] = Long.toString(keyLifetimeMillis(line.counter()));
        }
        // Each round either decides or starts one missing counter, so this ends.
        for (int round = 0; round <= r.lines().size(); round++) {
            List<Object> answer = asList(reserve.eval(keys, values));
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
        return states(r, asList(settle.eval(keys(r), settleArgs(r, actualMicros))));
    }

    /** One EVALSHA written now; its answer completes the stage on Lettuce's event loop. */
    @Override
    public CompletionStage<List<CounterState>> settleAsync(Reservation r, long actualMicros) {
        var after = new CompletableFuture<List<CounterState>>();
        unanswered.incrementAndGet();
        settle.evalAsync(keys(r), settleArgs(r, actualMicros), (answer, error) -> complete(after, r, answer, error));
        return after;
    }

    private static String[] settleArgs(Reservation r, long actualMicros) {
        return new String[] {r.requestId(), Long.toString(r.charged(actualMicros))};
    }

    /** Completes {@code after} (its waiters run here, before {@link #close} may go on). */
    private void complete(CompletableFuture<List<CounterState>> after, Reservation r, Object answer,
                          Throwable error) {
        try {
            if (error != null) {
                after.completeExceptionally(error);
            } else {
                after.complete(states(r, asList(answer)));
            }
        } catch (RuntimeException e) { // an answer not shaped as settle.lua's
            after.completeExceptionally(e);
        } finally {
            unanswered.decrementAndGet();
        }
    }

    /** settle.lua's answer: per counter its spent and reserved, -1 for a counter that is gone. */
    private static List<CounterState> states(Reservation r, List<Object> answer) {
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

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object answer) {
        return answer instanceof List<?> list ? (List<Object>) list : List.of(answer);
    }

    private String[] keys(Reservation r) {
        String[] keys = new String[2 * r.lines().size()];
        for (int i = 0; i < r.lines().size(); i++) {
            String[] pair = keyPair(r.lines().get(i).counter());
            keys[2 * i] = pair[0];
            keys[2 * i + 1] = pair[1];
        }
        return keys;
    }

    /** A counter's hash and holds keys, built once (a counter's id is a date and four strings joined). */
    private String[] keyPair(BudgetCounter counter) {
        String[] pair = keyPairs.get(counter);
        if (pair == null) {
            if (keyPairs.size() >= KEY_PAIRS_KEPT) {
                keyPairs.clear(); // forgetting costs building them again, nothing more
            }
            String key = key(counter);
            pair = new String[] {key, key + ":holds"};
            keyPairs.put(counter, pair);
        }
        return pair;
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

    /** Settles sent and not yet answered (what {@link #close} waits for). */
    public int unanswered() {
        return unanswered.get();
    }

    /** Waits (at most {@link #DRAIN_WITHIN}) for the settles still unanswered, then closes the connection. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + DRAIN_WITHIN.toNanos();
        while (unanswered.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // only at shutdown: a poll is simplest
        }
        connection.close();
        client.shutdown();
    }
}
