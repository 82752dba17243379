package io.keyroute.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.ConfigLoader;
import io.keyroute.api.KnownSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSecretsTest {

    @AfterEach
    void forget() {
        KnownSecrets.clear();
    }

    @Test
    void redisAndDatabasePasswordsAreScrubbedFromLogs(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keyroute.yaml"), """
                database: { url: "jdbc:postgresql://127.0.0.1:5432/kr?user=kr&password=DbPassw0rdDbPassw0rd" }
                redis: { url: "redis://:RedisPassw0rdRedisPassw0rd@127.0.0.1:6379" }
                """);
        var config = new ConfigLoader(Map.of()).load(file);

        ConfigSecrets.register(config, Map.of());

        assertThat(KnownSecrets.mask("connect jdbc ...password=DbPassw0rdDbPassw0rd; redis RedisPassw0rdRedisPassw0rd"))
                .doesNotContain("DbPassw0rdDbPassw0rd", "RedisPassw0rdRedisPassw0rd");
    }
}
