package io.keyroute.server.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.accounting.UsageSink;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Keyroute on a loopback port in front of a fake upstream, with one Keyroute key, and the
 * clients tests call it with: the official OpenAI SDK and a raw HTTP client.
 */
final class TestGateway implements AutoCloseable {
    static final String KEYROUTE_KEY = "kr-" + "T3stKeyT3stKeyT3stKeyT3stKeyT3stKeyT3stKey1";
    static final String UPSTREAM_KEY = "sk-" + "proj-upstreamSecretKey0123456789abcdefWXYZ";

    static final String ANTHROPIC_KEY = "sk-ant-" + "api03-upstreamAnthropicKey0123456789abcdWXYZ";

    static final String GEMINI_KEY = "AIza" + "SyFakeGeminiKey0123456789abcdefghijk";

    final Gateway gateway;
    final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    /** The backoffs the gateway asked for, in order; none is actually waited out. */
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestGateway(KeyrouteConfig config) {
        this(config, Caller.unrestricted("key_test", "user_test"), false);
    }

    private TestGateway(KeyrouteConfig config, Caller caller, boolean recordSleeps) {
        this(config, caller, recordSleeps, record -> { });
    }

    private TestGateway(KeyrouteConfig config, Caller caller, boolean recordSleeps, UsageSink also) {
        this(config, caller, recordSleeps, also, RequestGate.open());
    }

    private TestGateway(KeyrouteConfig config, Caller caller, boolean recordSleeps, UsageSink also, RequestGate gate) {
        this(config, caller, recordSleeps, also, gate, Telemetry.off());
    }

    private TestGateway(KeyrouteConfig config, Caller caller, boolean recordSleeps, UsageSink also, RequestGate gate,
                        Telemetry telemetry) {
        var auth = new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(KEYROUTE_KEY)), caller));
        UsageSink recorded = records::add;
        var builder = Gateway.builder(config, auth).usage(recorded.andThen(also)).gate(gate).telemetry(telemetry);
        this.gateway = (recordSleeps ? builder.sleeper(sleeps::add) : builder).start();
    }

    /** As {@link #with(KeyrouteConfig, Caller)}, with rate limits or budgets: {@code gate} admits every request. */
    static TestGateway with(KeyrouteConfig config, Caller caller, RequestGate gate) {
        return new TestGateway(config, caller, true, record -> { }, gate);
    }

    /** As {@link #with(KeyrouteConfig, Caller, RequestGate)}, traced by {@code telemetry} (which the test closes). */
    static TestGateway with(KeyrouteConfig config, Caller caller, RequestGate gate, Telemetry telemetry) {
        return new TestGateway(config, caller, true, record -> { }, gate, telemetry);
    }

    /** Any config; the key authenticates as {@code caller}; retry backoffs are recorded, not waited. */
    static TestGateway with(KeyrouteConfig config, Caller caller) {
        return new TestGateway(config, caller, true);
    }

    /** As {@link #with(KeyrouteConfig, Caller)}, and every request also goes to {@code also} (e.g. a ledger). */
    static TestGateway with(KeyrouteConfig config, Caller caller, UsageSink also) {
        return new TestGateway(config, caller, true, also);
    }

    /** Provider {@code openai} at {@code upstreamBaseUrl}, route {@code chat} over it, fast retries. */
    static TestGateway inFrontOf(String upstreamBaseUrl, long timeoutMs, int maxAttempts, Duration heartbeat) {
        return new TestGateway(config(upstreamBaseUrl, timeoutMs, maxAttempts, heartbeat));
    }

    /** Providers {@code openai} and {@code anthropic} (each at its fake), fast retries. */
    static TestGateway inFrontOf(String openAiBaseUrl, String anthropicBaseUrl) {
        return inFrontOf(openAiBaseUrl, anthropicBaseUrl, "http://127.0.0.1:9");
    }

    /** Providers {@code openai}, {@code anthropic} and {@code gemini} (each at its fake), fast retries. */
    static TestGateway inFrontOf(String openAiBaseUrl, String anthropicBaseUrl, String geminiBaseUrl) {
        return new TestGateway(threeProviders(openAiBaseUrl, anthropicBaseUrl, geminiBaseUrl, List.of()));
    }

    /** Providers {@code openai}, {@code anthropic} and {@code gemini} (each at its fake), these routes, fast retries. */
    static KeyrouteConfig threeProviders(String openAiBaseUrl, String anthropicBaseUrl, String geminiBaseUrl,
                                         List<RouteSettings> routes) {
        return new KeyrouteConfig(
                new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 256),
                null, null,
                List.of(new ProviderSettings("openai", "openai", openAiBaseUrl, UPSTREAM_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropicBaseUrl, ANTHROPIC_KEY, 5_000L, 2_000L,
                                Map.of()),
                        new ProviderSettings("gemini", "gemini", geminiBaseUrl, GEMINI_KEY, 5_000L, 2_000L, Map.of())),
                List.of(), routes, new RetrySettings(2, 1L, 5L), null, null);
    }

    /** Providers {@code openai} and {@code anthropic} at their fakes, with these models, routes and aliases; one attempt. */
    static KeyrouteConfig openAiAndAnthropic(String openAiBaseUrl, String anthropicBaseUrl,
                                             List<KeyrouteConfig.ModelSettings> models, List<RouteSettings> routes,
                                             Map<String, String> aliases) {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 256L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("openai", "openai", openAiBaseUrl, UPSTREAM_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropicBaseUrl, ANTHROPIC_KEY, 5_000L, 2_000L,
                                Map.of())),
                models, routes, new RetrySettings(1, 1L, 5L), null, null, null, null, null, aliases);
    }

    static TestGateway inFrontOf(String upstreamBaseUrl) {
        return inFrontOf(upstreamBaseUrl, 5_000, 3, Duration.ofSeconds(2));
    }

    static KeyrouteConfig config(String upstreamBaseUrl, long timeoutMs, int maxAttempts, Duration heartbeat) {
        return new KeyrouteConfig(
                new ServerSettings("127.0.0.1", 0, 64L * 1024, heartbeat.toMillis(), 256),
                null, null,
                List.of(new ProviderSettings("openai", "openai", upstreamBaseUrl, UPSTREAM_KEY, timeoutMs, 2_000L, Map.of())),
                List.of(),
                List.of(new RouteSettings("chat", "fallback", List.of("openai/gpt-4o-mini"), List.of(), Map.of())),
                new RetrySettings(maxAttempts, 1L, 5L),
                null, null);
    }

    /**
     * The usage records, once {@code count} requests have been accounted: a record is written after
     * the answer is sent, so it can trail the client by a moment.
     */
    List<RequestRecord> awaitRecords(int count) {
        try {
            for (int i = 0; i < 200 && records.size() < count; i++) {
                Thread.sleep(25);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(records);
    }

    /** The last request record once at least {@code count} exist. */
    RequestRecord awaitRecord(int count) {
        return awaitRecords(count).getLast();
    }

    /** The official Anthropic SDK, pointed at Keyroute's root (it adds /v1/messages itself). */
    com.anthropic.client.AnthropicClient anthropicSdk() {
        return com.anthropic.client.okhttp.AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port())
                .apiKey(KEYROUTE_KEY).maxRetries(0).build();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port() + "/v1";
    }

    OpenAIClient sdk() {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(KEYROUTE_KEY).maxRetries(0).build();
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + KEYROUTE_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET} or {@code POST} (with a body) on a path under the server root, e.g. {@code /api/v1/providers}. */
    HttpResponse<String> call(String method, String rootPath, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + rootPath))
                .header("Authorization", "Bearer " + KEYROUTE_KEY)
                .header("Content-Type", "application/json");
        builder = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                : builder.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<java.io.InputStream> postStreaming(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + KEYROUTE_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
