package io.keyroute.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code keyroute import litellm FILE --out OUT}: the written file is a Keyroute config without the file's secrets. */
class ImportLiteLlmCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAConfigKeyrouteLoadsOnceTheNamedVariablesAreSet() throws Exception {
        Path litellm = dir.resolve("config.yaml");
        try (InputStream in = getClass().getResourceAsStream("/litellm/load_balancer.yaml")) {
            Files.write(litellm, in.readAllBytes());
        }
        Path out = dir.resolve("keyroute.yaml");

        int exit = new CommandLine(new KeyrouteCli()).execute("import", "litellm", litellm.toString(), "--out", out.toString());

        assertThat(exit).isZero();
        String written = Files.readString(out);
        assertThat(written).doesNotContain("sk-uj6F", "sk-Imn", "eYVX71");
        KeyrouteConfig config = new ConfigLoader(Map.of("LITELLM_OPENAI_2_API_KEY", "sk-one-0123456789",
                "LITELLM_OPENAI_3_API_KEY", "sk-two-0123456789")).load(out);
        assertThat(config.routes()).extracting(KeyrouteConfig.RouteSettings::name).containsExactly("gpt-3.5-turbo");
    }

    @Test
    void refusesAFileThatIsNoLiteLlmConfig() throws Exception {
        Path keyroute = dir.resolve("keyroute.yaml");
        Files.writeString(keyroute, "server: { port: 8080 }\n");

        int exit = new CommandLine(new KeyrouteCli()).execute("import", "litellm", keyroute.toString(), "--out",
                dir.resolve("out.yaml").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("out.yaml")).doesNotExist();
    }
}
