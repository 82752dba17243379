package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.it.VaultGateway;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A gateway on the testkit fakes (OpenAI, with no system key; Anthropic, with one) and its vault on
 * SQLite, seeded as an operator's first day: workspace {@code acme} with a workspace admin
 * ({@code ada@acme.test}) and a member ({@code max@acme.test}), a key each, max's own OpenAI
 * credential, and a few chats (max's through OpenAI on his credential, ada's through Anthropic on
 * the system key), so usage, requests, audit and the overview have data. Provider {@code deepseek} is
 * configured where nothing listens, unused until a test calls {@link #openCircuit()}.
 */
public final class ConsoleFixture implements AutoCloseable {
    /** Max's stored OpenAI key: it must never reach the page. */
    public static final String MAX_OPENAI_KEY = "sk-proj-" + "MaxMaxMaxMaxMaxMaxMaxMaxMaxMax0001";
    static final String ANTHROPIC_SYSTEM_KEY = "sk-ant-" + "api03-consoleSystemKey0123456789abcdWXYZ";
    static final String DEEPSEEK_SYSTEM_KEY = "sk-" + "deepseekConsoleSystemKey0123456789";
    public static final int MAX_CHATS = 3;
    public static final int ADA_CHATS = 2;

    private final FakeOpenAi openai;
    private final FakeAnthropic anthropic;
    private final VaultGateway gateway;
    private final String workspaceId;
    private final String adaId;
    private final String maxId;
    private final String adaKey;
    private final String maxKey;
    private final String maxCredentialId;

    private ConsoleFixture() throws IOException {
        this.openai = FakeOpenAi.start(MAX_OPENAI_KEY);
        this.anthropic = FakeAnthropic.start(ANTHROPIC_SYSTEM_KEY);
        this.gateway = new VaultGateway(TestServices.sqlite(), List.of(
                // The defaults' bounds (60 s, 10 s): no console test is about a timeout, and a tight bound
                // turned a stall of the shared CI machine into a failed chat (a 504 in RequestsViewTest).
                new ProviderSettings("openai", "openai", openai.baseUrl(), null, null, null, Map.of()),
                new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), ANTHROPIC_SYSTEM_KEY, null, null,
                        Map.of()),
                // Nothing listens there: openCircuit() fails on it.
                new ProviderSettings("deepseek", "openai-compatible", "http://127.0.0.1:9", DEEPSEEK_SYSTEM_KEY, 2_000L, 1_000L,
                        Map.of())));
        this.workspaceId = created(admin("POST", "/api/v1/workspaces", "{\"name\":\"acme\",\"plan\":\"pro\"}")).text("id");
        this.adaId = created(admin("POST", "/api/v1/workspaces/" + workspaceId + "/users",
                "{\"email\":\"ada@acme.test\",\"role\":\"admin\"}")).text("id");
        this.adaKey = created(admin("POST", "/api/v1/users/" + adaId + "/keys", "{\"name\":\"ada laptop\"}")).text("key");
        this.maxId = created(gateway.call("POST", "/api/v1/workspaces/" + workspaceId + "/users", adaKey,
                "{\"email\":\"max@acme.test\",\"role\":\"member\"}")).text("id");
        this.maxKey = created(admin("POST", "/api/v1/users/" + maxId + "/keys", "{\"name\":\"max cli\"}")).text("key");
        this.maxCredentialId = created(gateway.call("POST", "/api/v1/users/me/llm-credentials", maxKey,
                "{\"provider\":\"openai\",\"name\":\"max personal\",\"api_key\":\"" + MAX_OPENAI_KEY + "\"}")).text("id");
        for (int i = 0; i < MAX_CHATS; i++) {
            assertThat(gateway.chat(maxKey, null).status()).isEqualTo(200);
        }
        for (int i = 0; i < ADA_CHATS; i++) {
            Response chat = gateway.call("POST", "/v1/chat/completions", adaKey,
                    "{\"model\":\"anthropic/claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        }
        try {
            gateway.awaitUsageRows(MAX_CHATS + ADA_CHATS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Five chats of ada's to {@code deepseek}, each failing to connect: its circuit opens (for 30 s)
     * and its last error is {@code deepseek connect error}. Each is a failed request in the ledger.
     */
    public void openCircuit() {
        for (int i = 0; i < 5; i++) {
            Response failed = gateway.call("POST", "/v1/chat/completions", adaKey,
                    "{\"model\":\"deepseek/deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            assertThat(failed.status()).as(failed.body()).isEqualTo(502);
        }
    }

    public static ConsoleFixture start() {
        try {
            return new ConsoleFixture();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response admin(String method, String path, String body) {
        return gateway.call(method, path, adminToken(), body);
    }

    private static Response created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public String adminToken() {
        return VaultGateway.ADMIN_TOKEN;
    }

    public String workspaceAdminKey() {
        return adaKey;
    }

    public String memberKey() {
        return maxKey;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String workspaceAdminId() {
        return adaId;
    }

    public String memberId() {
        return maxId;
    }

    public String memberCredentialId() {
        return maxCredentialId;
    }

    /** The gateway's HTTP API, for a test's own calls (as any client). */
    public VaultGateway gateway() {
        return gateway;
    }

    /** Every secret the fixture knows: none may appear in the page, its storage, a URL or a cookie. */
    public List<String> secrets() {
        return List.of(adminToken(), adaKey, maxKey, MAX_OPENAI_KEY, ANTHROPIC_SYSTEM_KEY, DEEPSEEK_SYSTEM_KEY);
    }

    @Override
    public void close() {
        gateway.close();
        openai.close();
        anthropic.close();
    }
}
