package io.keyroute.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.usage.RequestRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve --demo}: the embedded defaults plus the mock provider answer the OpenAI SDK offline. */
class DemoModeTest {
    private static final String KEY = "kr-" + "DemoDemoDemoDemoDemoDemoDemoDemoDemoDemo123";

    @Test
    void embeddedDefaultsWithTheDemoOverlayServeTheMockModel() {
        KeyrouteConfig defaults = new ConfigLoader(Map.of()).loadDefaults();
        KeyrouteConfig demo = DemoOverlay.apply(defaults);
        var onFreePort = new KeyrouteConfig(new KeyrouteConfig.ServerSettings("127.0.0.1", 0, null, null, null),
                demo.database(), demo.redis(), demo.providers(), demo.models(), demo.routes(), demo.retry(),
                demo.plans(), demo.security());
        List<RequestRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        var auth = new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(KEY)), Caller.unrestricted("demo", "demo")));

        try (Gateway gateway = Gateway.start(onFreePort, auth, records::add, Clock.systemUTC())) {
            var client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                    .apiKey(KEY).maxRetries(0).build();
            var params = ChatCompletionCreateParams.builder().model(DemoOverlay.MODEL).addUserMessage("Hello Keyroute").build();

            var completion = client.chat().completions().create(params);
            assertThat(completion.choices().getFirst().message().content()).hasValue("Mock reply to: Hello Keyroute");

            List<ChatCompletionChunk> chunks = new ArrayList<>();
            try (var stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunks::add);
            }
            String streamed = chunks.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).reduce("", String::concat);
            assertThat(streamed).isEqualTo("Mock reply to: Hello Keyroute");
            assertThat(client.models().list().data()).extracting(m -> m.id()).contains(DemoOverlay.MODEL);

            var anthropic = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
                    .baseUrl("http://127.0.0.1:" + gateway.port()).apiKey(KEY).maxRetries(0).build();
            var message = anthropic.messages().create(com.anthropic.models.messages.MessageCreateParams.builder()
                    .model(DemoOverlay.MODEL).maxTokens(50).addUserMessage("Hello Keyroute").build());
            assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Mock reply to: Hello Keyroute");
        }
        // 14 characters of prompt → 4 tokens; 5 words of reply → 5 tokens, streamed or not.
        assertThat(records).hasSize(3).allSatisfy(r -> {
            assertThat(r.usage().promptTokens()).isEqualTo(4);
            assertThat(r.usage().completionTokens()).isEqualTo(5);
        });
    }

    @Test
    void theDemoBannerNamesTheConsoleUrlBesideTheKeyAndTheCurlLine() {
        var printed = new java.io.ByteArrayOutputStream();
        ServeCommand.printDemo(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8),
                "http://127.0.0.1:8080", Secret.of(KEY));
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(
                "Demo key (valid until this process stops): " + KEY, "curl http://127.0.0.1:8080/v1/chat/completions",
                "Console: http://127.0.0.1:8080/ui/ (sign in with the admin token printed at first start, or the demo key)");
    }
}
