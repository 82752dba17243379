package io.keyroute.server.it;

import static io.keyroute.server.it.McpTools.text;
import static io.keyroute.server.it.McpTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.AccessRule;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import io.keyroute.server.policy.PolicySettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.server.mcp.UpstreamAuthorization;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.mcp.FakeMcpServer;
import io.keyroute.testkit.services.TestServices;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /mcp} with the official MCP Java SDK's client, in front of two MCP servers built with the SDK's server
 * ({@code docs} and {@code ops}) on loopback, and three that fail (one down, one slow, one answering garbage):
 * names, list filtering and calls by access rule, errors that fail a call and not the session, sessions kept apart
 * per key, the caller's key never relayed, each call in the ledger and the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpGatewayTest {
    private static final String DOCS_TOKEN = "Bearer docs-upstream-credential-1";
    private VaultGateway g;
    private FakeMcpServer docs;
    private FakeMcpServer ops;
    private FakeMcpServer slow;
    private FakeMcpServer broken;
    private String downUrl;
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private Team team;
    private McpSettings mcpSettings;
    private final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        docs = FakeMcpServer.start("docs", spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).prompts(false).resources(false, false).build())
                .tools(tool("search", (exchange, call) -> text("found: " + call.arguments().get("q"))),
                        tool("delete_page", (exchange, call) -> text("deleted")),
                        tool("whoami", (exchange, call) -> text(exchange.sessionId())),
                        tool("count", (exchange, call) -> {
                            Object token = call.meta().get("progressToken");
                            exchange.progressNotification(new McpSchema.ProgressNotification(token, 1.0, 2.0, "half"));
                            exchange.progressNotification(new McpSchema.ProgressNotification(token, 2.0, 2.0, "done"));
                            return text("counted");
                        }))
                .prompts(new McpServerFeatures.SyncPromptSpecification(
                        new McpSchema.Prompt("summarize", "Summarize a page", List.of()),
                        (exchange, get) -> new McpSchema.GetPromptResult("summary", List.of(new McpSchema.PromptMessage(
                                McpSchema.Role.USER, new McpSchema.TextContent("Summarize the page."))))))
                .resources(new McpServerFeatures.SyncResourceSpecification(
                        McpSchema.Resource.builder("docs://readme", "readme").mimeType("text/plain").build(),
                        (exchange, read) -> new McpSchema.ReadResourceResult(List.of(
                                new McpSchema.TextResourceContents(read.uri(), "text/plain", "Read me first."))))));
        ops = FakeMcpServer.start("ops", spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tool("restart", (exchange, call) -> text("restarted")),
                        tool("broken_tool", (exchange, call) -> McpSchema.CallToolResult.builder()
                                .addTextContent("disk full").isError(true).build())));
        slow = FakeMcpServer.start("slow", spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tool("wait", (exchange, call) -> {
                    try {
                        slowRelease.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return text("late");
                })));
        broken = FakeMcpServer.start("broken", spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tool("anything", (exchange, call) -> text("never"))));
        broken.speakGarbage(true);
        try (FakeMcpServer gone = FakeMcpServer.start("gone", spec -> spec)) {
            downUrl = gone.url();
        }
        g = new VaultGateway(TestServices.sqlite(), "http://127.0.0.1:9");
        g.mcpAuthorization = new UpstreamAuthorization() {
            @Override
            public Optional<String> authorization(Caller caller, String serverId) {
                return serverId.equals("docs") ? Optional.of(DOCS_TOKEN) : Optional.empty();
            }

            @Override
            public void rejected(Caller caller, String serverId) {
            }
        };
        team = Team.create(g);
        mcpSettings = new McpSettings(List.of(new McpServerSettings("docs", docs.url()), new McpServerSettings("ops", ops.url()),
                new McpServerSettings("slow", slow.url(), null, 500L, null, null),
                new McpServerSettings("broken", broken.url()), new McpServerSettings("down", downUrl)),
                List.of(new AccessRule("members-read-docs", new AccessRule.AccessScope(null, List.of("member"), null),
                        List.of("docs__*"), List.of("docs__delete_*"))),
                null, null, null, null);
        g.mcp(mcpSettings);
    }

    @Test
    void aPolicyRuleSeesTheToolAndItsArgumentsAndDeniesTheCallBeforeItGoesUpstream() {
        g.mcp(mcpSettings, List.of(
                new PolicySettings("cheap-models", "caller.role != ''", "route:openai/gpt-4o-mini", null),
                new PolicySettings("no-pricing-search", "call == 'tool' && tool.server == 'docs' && tool.name == 'search'"
                        + " && tool.arguments.q.contains('pricing')", "deny", null)));
        try {
            McpSyncClient ada = client(team.adaKey());

            assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "pricing 2027"))))
                    .isInstanceOf(McpError.class).hasMessageContaining("policy rule 'no-pricing-search'")
                    .message().doesNotContain("2027");
            assertThat(textOf(ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "roadmap")))))
                    .as("other arguments, and a route: rule, let the call through").isEqualTo("found: roadmap");
            assertThat(docs.requests()).noneMatch(r -> r.bodyText().contains("pricing 2027"));
        } finally {
            g.mcp(mcpSettings);
        }
    }

    @AfterAll
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        slowRelease.countDown();
        g.close();
        for (FakeMcpServer server : List.of(docs, ops, slow, broken)) {
            server.close();
        }
    }

    private McpSyncClient client(String key) {
        return client(key, n -> { });
    }

    private McpSyncClient client(String key, java.util.function.Consumer<McpSchema.ProgressNotification> progress) {
        McpSyncClient client = McpTools.client(g.port(), key, progress);
        clients.add(client);
        return client;
    }

    private static String textOf(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    @Test
    void listsEveryServersToolsUnderItsPrefixAndCallsTheRightServer() {
        McpSyncClient ada = client(team.adaKey());

        assertThat(toolNames(ada)).containsExactly("docs__search", "docs__delete_page", "docs__whoami", "docs__count",
                "ops__restart", "ops__broken_tool", "slow__wait");
        assertThat(textOf(ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "pricing")))))
                .isEqualTo("found: pricing");
        assertThat(textOf(ada.callTool(new McpSchema.CallToolRequest("ops__restart", Map.of())))).isEqualTo("restarted");
        McpSchema.CallToolResult failed = ada.callTool(new McpSchema.CallToolRequest("ops__broken_tool", Map.of()));
        assertThat(failed.isError()).isTrue();
        assertThat(textOf(failed)).isEqualTo("disk full");
    }

    @Test
    void promptsAndResourcesArePrefixedAndRoutedLikeTools() {
        McpSyncClient ada = client(team.adaKey());

        assertThat(ada.listPrompts().prompts()).extracting(McpSchema.Prompt::name).containsExactly("docs__summarize");
        var prompt = ada.getPrompt(new McpSchema.GetPromptRequest("docs__summarize", Map.of()));
        assertThat(((McpSchema.TextContent) prompt.messages().getFirst().content()).text()).isEqualTo("Summarize the page.");
        assertThat(ada.listResources().resources()).extracting(McpSchema.Resource::name, McpSchema.Resource::uri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docs__readme", "docs://readme"));
        var read = ada.readResource(new McpSchema.ReadResourceRequest("docs://readme"));
        assertThat(((McpSchema.TextResourceContents) read.contents().getFirst()).text()).isEqualTo("Read me first.");
    }

    @Test
    void aDeniedToolIsNeitherListedNorCallable() {
        McpSyncClient bob = client(team.bobKey()); // a member: docs__* allowed, docs__delete_* denied

        assertThat(toolNames(bob)).containsExactly("docs__search", "docs__whoami", "docs__count");
        assertThatThrownBy(() -> bob.callTool(new McpSchema.CallToolRequest("docs__delete_page", Map.of())))
                .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: docs__delete_page");
        assertThatThrownBy(() -> bob.callTool(new McpSchema.CallToolRequest("ops__restart", Map.of())))
                .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: ops__restart");
        assertThat(textOf(bob.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "x")))))
                .isEqualTo("found: x");
        assertThat(docs.requests()).noneMatch(r -> r.bodyText().contains("delete_page") && r.bodyText().contains("tools/call"));
    }

    @Test
    void anUpstreamThatIsDownSlowOrMalformedFailsThatCallNotTheSession() {
        McpSyncClient ada = client(team.adaKey());

        // unreachable, and after 5 failures in a row (listings count too) its circuit opens: no more attempts
        assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("down__anything", Map.of())))
                .isInstanceOf(McpError.class).hasMessageStartingWith("MCP server 'down' ");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("down__anything", Map.of())))
                    .isInstanceOf(McpError.class).hasMessageStartingWith("MCP server 'down' ");
        }
        assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("down__anything", Map.of())))
                .isInstanceOf(McpError.class).hasMessage("MCP server 'down' is failing; its circuit is open");
        assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("slow__wait", Map.of())))
                .isInstanceOf(McpError.class).hasMessageContaining("MCP server 'slow' failed");
        assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("broken__anything", Map.of())))
                .isInstanceOf(McpError.class).hasMessageContaining("MCP server 'broken' failed");
        // the same session goes on
        assertThat(textOf(ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "still"))))).isEqualTo("found: still");
    }

    @Test
    void progressIsRelayedUnderTheCallersOwnToken() throws InterruptedException {
        var progress = new CopyOnWriteArrayList<McpSchema.ProgressNotification>();
        McpSyncClient ada = client(team.adaKey(), progress::add);

        var result = ada.callTool(new McpSchema.CallToolRequest("docs__count", Map.of(), Map.of("progressToken", "mine-7")));

        assertThat(textOf(result)).isEqualTo("counted");
        eventually(() -> assertThat(progress)
                .extracting(McpSchema.ProgressNotification::progressToken, McpSchema.ProgressNotification::message)
                // in any order: the SDK's sync client hands each notification to its consumer on a thread of its own
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("mine-7", "half"),
                        org.assertj.core.groups.Tuple.tuple("mine-7", "done")));
    }

    @Test
    void eachKeyHasItsOwnUpstreamSessionsAndItsOwnMcpSessions() throws Exception {
        Team other = Team.create(g);
        McpSyncClient ada = client(other.adaKey());
        McpSyncClient adaAgain = client(other.adaKey());
        McpSyncClient bob = client(other.bobKey());

        String adaUpstream = textOf(ada.callTool(new McpSchema.CallToolRequest("docs__whoami", Map.of())));
        assertThat(textOf(adaAgain.callTool(new McpSchema.CallToolRequest("docs__whoami", Map.of())))).isEqualTo(adaUpstream);
        assertThat(textOf(bob.callTool(new McpSchema.CallToolRequest("docs__whoami", Map.of())))).isNotEqualTo(adaUpstream);

        // ada's /mcp session is not bob's to use
        HttpResponse<String> init = post(other.adaKey(), null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                "clientInfo":{"name":"raw","version":"1"}}}""");
        String adaSession = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        assertThat(post(other.bobKey(), adaSession, list).statusCode()).isEqualTo(404);
        assertThat(post(other.adaKey(), adaSession, list).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAKeyIts401WithWwwAuthenticate() throws Exception {
        HttpResponse<String> none = post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(post("kr-not-a-real-key-000000000000000000000", null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> client("kr-not-a-real-key-000000000000000000000")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theCallersKeyNeverReachesAnUpstreamOnlyTheUpstreamsOwnCredential() {
        McpSyncClient ada = client(team.adaKey());
        ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "k")));
        ada.callTool(new McpSchema.CallToolRequest("ops__restart", Map.of()));

        List<RecordedRequest> seen = new ArrayList<>(docs.requests());
        seen.addAll(ops.requests());
        assertThat(seen).isNotEmpty().allSatisfy(r -> {
            assertThat(r.headers().toString()).doesNotContain(team.adaKey()).doesNotContain(team.bobKey()).doesNotContain("kr-");
            assertThat(r.bodyText()).doesNotContain(team.adaKey());
        });
        assertThat(docs.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(DOCS_TOKEN));
        assertThat(ops.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }

    @Test
    void eachCallIsAuditedAndInTheLedger() {
        Team audited = Team.create(g);
        McpSyncClient ada = client(audited.adaKey());
        ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of("q", "ledger")));

        // recorded before the answer went out: no wait
        {
            Response events = g.call("GET", "/api/v1/audit?action=mcp.tool_called&actor=" + audited.adaKeyId(),
                    VaultGateway.ADMIN_TOKEN, null);
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.json().get("data")).hasSize(1);
            assertThat(events.json().get("data").get(0).get("target").asText()).isEqualTo("docs__search");
            assertThat(events.json().get("data").get(0).get("workspace_id").asText()).isEqualTo(audited.ws());
            assertThat(events.json().get("data").get(0).get("detail").asText()).startsWith("server docs, tool search, status ok");
        }
        var rows = g.vault.database().jdbc().query("SELECT server_id, tool, status, user_id, request_bytes, response_bytes, "
                + "arguments FROM mcp_calls WHERE key_id = ?", rs -> List.of(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), String.valueOf(rs.getString(7))), audited.adaKeyId());
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsExactly("docs", "search", "ok", audited.ada(), (long) "{\"q\":\"ledger\"}".length(),
                rows.getFirst().get(5), "null");
        assertThat((Long) rows.getFirst().get(5)).isPositive();
    }

    /** Polls {@code assertion} until it holds, for up to 5 s (what the SDK client does with a notification is async). */
    private static void eventually(Runnable assertion) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (i >= 200) {
                    throw notYet;
                }
                Thread.sleep(25);
            }
        }
    }

    private HttpResponse<String> post(String key, String session, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
