package io.keyroute.usage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.testkit.services.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripts run by SHA against the real Redis, whose scripts a test flushes (SCRIPT FLUSH, as a restart loses
 * them): the call is sent whole once and answered; a script's own error is not sent again. add.lua is joined
 * before each script, so both see its function.
 */
class LuaScriptTest {
    private static final Optional<String> REDIS = TestServices.redisUrl();

    private final String[] counter = {"kr-test:" + UUID.randomUUID() + ":counter"};
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void connect() {
        assumeTrue(REDIS.isPresent(), "needs Redis (KEYROUTE_TEST_REDIS_URL)");
        client = RedisClient.create(REDIS.get());
        connection = client.connect();
    }

    @AfterEach
    void close() {
        if (client != null) {
            connection.close();
            client.shutdown();
        }
    }

    @Test
    void aCallAfterRedisLostTheScriptIsAnsweredAndLoadsItAgain() {
        var count = new LuaScript(connection, ScriptOutputType.INTEGER, LuaScriptTest.class, "add.lua", "count.lua");
        assertThat(count.<Long>eval(counter, new String[] {"2"})).isEqualTo(2);

        connection.sync().scriptFlush();
        assertThat(connection.sync().scriptExists(count.sha())).containsExactly(false);

        assertThat(count.<Long>eval(counter, new String[] {"3"})).isEqualTo(5); // run once, not twice
        assertThat(connection.sync().scriptExists(count.sha())).containsExactly(true);
        assertThat(count.<Long>eval(counter, new String[] {"1"})).isEqualTo(6);
    }

    @Test
    void anAsyncCallAfterRedisLostTheScriptIsAnsweredOnce() throws Exception {
        var count = new LuaScript(connection, ScriptOutputType.INTEGER, LuaScriptTest.class, "add.lua", "count.lua");
        connection.sync().scriptFlush();

        assertThat(answer(count, "4").get(10, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(answer(count, "1").get(10, TimeUnit.SECONDS)).isEqualTo(5);
    }

    @Test
    void aScriptsOwnErrorIsNotSentAgain() {
        var refuse = new LuaScript(connection, ScriptOutputType.INTEGER, LuaScriptTest.class, "add.lua", "refuse.lua");
        connection.sync().scriptFlush(); // its error comes from the EVAL, which is not retried either

        assertThatThrownBy(() -> refuse.eval(counter, new String[] {"1"}))
                .isInstanceOf(RedisException.class).hasMessageContaining("refused after adding");
        assertThatThrownBy(() -> answer(refuse, "10").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("refused after adding");
        assertThat(connection.sync().get(counter[0])).isEqualTo("11");
    }

    private CompletableFuture<Long> answer(LuaScript script, String by) {
        var answer = new CompletableFuture<Long>();
        script.<Long>evalAsync(counter, new String[] {by}, (value, error) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(value);
            }
        });
        return answer;
    }
}
