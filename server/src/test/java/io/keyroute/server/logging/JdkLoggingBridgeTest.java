package io.keyroute.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Helidon's System.Logger output ends up as scrubbed JSON under the server's levels. */
class JdkLoggingBridgeTest {
    // The bridge hands records to SLF4J's own context, so this test reconfigures that one.
    private final LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restore() {
        SLF4JBridgeHandler.uninstall();
        LogCapture.configure(global, JdkLoggingBridgeTest.class.getResource("/logback-test.xml"), Map.of());
    }

    @Test
    void helidonLogsBecomeScrubbedJsonAtWarn() {
        LogCapture.configureAsServer(global, Map.of());
        JdkLoggingBridge.install();
        JdkLoggingBridge.install();
        String key = "sk-ant-api03-" + "x".repeat(40) + "WXYZ";

        List<JsonNode> lines = LogCapture.parseLines(LogCapture.stdout(() -> {
            var helidon = System.getLogger("io.helidon.webserver.ServerListener");
            helidon.log(Level.INFO, "routine detail");
            helidon.log(Level.WARNING, "upstream said: invalid x-api-key " + key);
        }));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.get("logger").asText()).isEqualTo("io.helidon.webserver.ServerListener");
            assertThat(line.get("message").asText()).isEqualTo("upstream said: invalid x-api-key sk-ant-…WXYZ");
        });
    }
}
