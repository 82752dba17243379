package io.keyroute.server.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secrets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The server's real logging set-up: one JSON object per line, and no secret in any field. */
class SecretScrubbingLogTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = BASE62 + "-_";

    private final String openAi = "sk-proj-" + random(URL_SAFE, 120);
    private final String anthropic = "sk-ant-api03-" + random(URL_SAFE, 93) + "AA";
    private final String gemini = "AIza" + random(URL_SAFE, 35);
    private final String keyroute = "kr-" + random(BASE62, 43);
    private final String bearer = random(URL_SAFE, 32);
    private final String masterKey = Base64.getEncoder().encodeToString(randomBytes(32));
    /** Shaped like nothing: only the registry can catch it. */
    private final String adminToken = "correct horse battery " + random(BASE62, 6);
    private final List<String> secrets = List.of(openAi, anthropic, gemini, keyroute, bearer, masterKey, adminToken);

    @BeforeEach
    void registerLiterals() {
        KnownSecrets.register(masterKey);
        KnownSecrets.register(adminToken);
    }

    @AfterEach
    void forget() {
        KnownSecrets.clear();
        MDC.clear();
    }

    @Test
    void requestLineArgumentsMdcAndStackTraceAreScrubbed() {
        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            var log = context.getLogger("io.keyroute.server.http.Access");
            MDC.put("authorization", "Bearer " + bearer);
            MDC.put("credential", anthropic);
            MDC.put("admin_token", adminToken);
            log.info("POST /v1/chat/completions openai={} anthropic={} gemini={} key={} "
                            + "headers=[Authorization: Bearer {}] master={} admin={}",
                    openAi, anthropic, gemini, keyroute, bearer, masterKey, adminToken, kv("provider_key", openAi));
            log.error("upstream call failed", new IllegalStateException(
                    "401 for key " + openAi + " via Bearer " + bearer,
                    new RuntimeException("unwrap failed for " + masterKey + " / " + gemini + " / " + adminToken)));
        });

        assertThat(lines).hasSize(2);
        String all = lines.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
        assertThat(secrets).allSatisfy(secret -> assertThat(all).doesNotContain(secret));
        assertThat(secrets).allSatisfy(secret -> assertThat(all).contains(Secrets.mask(secret)));
        assertThat(Secrets.mask(openAi)).startsWith("sk-…").endsWith(openAi.substring(openAi.length() - 4));

        JsonNode request = lines.get(0);
        assertThat(request.get("message").asText())
                .contains("openai=sk-…", "anthropic=sk-ant-…", "gemini=AIza…", "key=kr-…");
        assertThat(request.get("provider_key").asText()).isEqualTo(Secrets.mask(openAi));
        assertThat(request.get("credential").asText()).isEqualTo(Secrets.mask(anthropic));
        assertThat(request.get("admin_token").asText()).isEqualTo(Secrets.mask(adminToken));
        assertThat(request.get("authorization").asText()).isEqualTo("Bearer " + Secrets.mask(bearer));

        JsonNode failure = lines.get(1);
        assertThat(failure.get("stack_trace").asText())
                .contains("java.lang.RuntimeException: unwrap failed for " + Secrets.mask(masterKey))
                .contains("java.lang.IllegalStateException: 401 for key " + Secrets.mask(openAi))
                .contains("at io.keyroute.server.logging.SecretScrubbingLogTest");
    }

    @Test
    void everyLineCarriesUtcTimestampLevelLoggerThreadAndMessage() {
        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            MDC.put("request_id", "req-1");
            context.getLogger("io.keyroute.server.Main").info("listening on {}", 8080);
        });

        JsonNode line = lines.getFirst();
        assertThat(Instant.parse(line.get("timestamp").asText())).isNotNull();
        assertThat(line.get("timestamp").asText()).endsWith("Z");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("io.keyroute.server.Main");
        assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(line.get("message").asText()).isEqualTo("listening on 8080");
        assertThat(line.get("request_id").asText()).isEqualTo("req-1");
    }

    @Test
    void rootIsInfoAndLibrariesWarnUnlessKeyrouteLogLevelSaysOtherwise() {
        var byDefault = LogCapture.serverJsonLines(Map.of(), SecretScrubbingLogTest::logAtEveryLevel);
        var debug = LogCapture.serverJsonLines(Map.of("KEYROUTE_LOG_LEVEL", "DEBUG"),
                SecretScrubbingLogTest::logAtEveryLevel);

        assertThat(messages(byDefault)).containsExactly("ours info", "helidon warn", "helidon started");
        assertThat(messages(debug)).containsExactly("ours debug", "ours info", "helidon warn", "helidon started");
    }

    private static void logAtEveryLevel(ch.qos.logback.classic.LoggerContext context) {
        var ours = context.getLogger("io.keyroute.server.Main");
        ours.debug("ours debug");
        ours.info("ours info");
        var helidon = context.getLogger("io.helidon.webserver.ServerListener");
        helidon.info("helidon info");
        helidon.warn("helidon warn");
        context.getLogger("io.helidon.webserver.LoomServer").info("helidon started");
    }

    private static List<String> messages(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("message").asText()).toList();
    }

    private static String random(String alphabet, int length) {
        return IntStream.range(0, length)
                .mapToObj(i -> String.valueOf(alphabet.charAt(RANDOM.nextInt(alphabet.length()))))
                .collect(Collectors.joining());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
