package io.keyroute.usage.redis;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * A Lua script run on one connection by its SHA: its text is resources beside the class that runs it, parts
 * joined in order (shared functions first), loaded into Redis once when built. A call is one EVALSHA; a
 * NOSCRIPT answer (Redis restarted, or its scripts were flushed) is followed by one EVAL of the text, which
 * loads it again. Keys and arguments go to Lettuce as the caller's arrays, not copied.
 *
 * <p>Both ways of calling use Lettuce's async API (its sync API's proxy and its own future cost more per call):
 * {@link #eval} waits for the answer within the connection's command timeout; {@link #evalAsync} writes the
 * command now and hands its answer to a callback on Lettuce's event loop. Either way the command is written
 * before the call returns, so the connection keeps it in order with the commands sent after it, except for
 * a NOSCRIPT's EVAL, which follows whatever was written in between.
 */
public final class LuaScript {
    private final RedisAsyncCommands<String, String> redis;
    private final StatefulRedisConnection<String, String> connection;
    private final ScriptOutputType type;
    private final String text;
    private final String sha;

    /**
     * Loads the script into Redis (SCRIPT LOAD, waited for).
     *
     * @param type  how Redis's answer is read ({@code MULTI}: a list, {@code INTEGER}: a Long, …)
     * @param owner the class whose package holds the resources {@code names}
     */
    public LuaScript(StatefulRedisConnection<String, String> connection, ScriptOutputType type, Class<?> owner,
                     String... names) {
        this.connection = connection;
        this.redis = connection.async();
        this.type = type;
        this.text = text(owner, names);
        this.sha = await(redis.scriptLoad(text));
    }

    /** The script's SHA-1, by which Redis runs it. */
    public String sha() {
        return sha;
    }

    /** Redis's answer, waited for within the connection's timeout; Lettuce's exceptions as they are. */
    public <T> T eval(String[] keys, String[] args) {
        try {
            return await(redis.<T>evalsha(sha, type, keys, args));
        } catch (RedisNoScriptException e) {
            return await(redis.<T>eval(text, type, keys, args));
        }
    }

    /**
     * Written now, not waited for: {@code answered} gets the answer or the failure, once, on Lettuce's event
     * loop (or on this thread if the command could not even be written).
     */
    public <T> void evalAsync(String[] keys, String[] args, BiConsumer<? super T, ? super Throwable> answered) {
        try {
            redis.<T>evalsha(sha, type, keys, args).whenComplete((answer, error) -> {
                if (error instanceof RedisNoScriptException) {
                    evalText(keys, args, answered);
                } else {
                    answered.accept(answer, error);
                }
            });
        } catch (RuntimeException e) {
            answered.accept(null, e);
        }
    }

    private <T> void evalText(String[] keys, String[] args, BiConsumer<? super T, ? super Throwable> answered) {
        try {
            redis.<T>eval(text, type, keys, args).whenComplete(answered);
        } catch (RuntimeException e) {
            answered.accept(null, e);
        }
    }

    private <T> T await(Future<T> answer) {
        try {
            return answer.get(connection.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new RedisCommandInterruptedException(e);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new RedisCommandTimeoutException("script not answered within " + connection.getTimeout());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new RedisException(e.getCause());
        }
    }

    /** The resources {@code names}, relative to {@code owner}'s package, each ending in a newline. */
    private static String text(Class<?> owner, String... names) {
        var text = new StringBuilder();
        for (String name : names) {
            try (InputStream in = owner.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing script " + name);
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }
}
