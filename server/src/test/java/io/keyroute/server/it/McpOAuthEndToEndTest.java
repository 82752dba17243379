package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.server.mcp.oauth.ConfiguredMcpServers;
import io.keyroute.server.mcp.oauth.McpOAuth;
import io.keyroute.server.mcp.oauth.VaultUpstreamAuthorization;
import io.keyroute.testkit.mcp.FakeMcpServer;
import io.keyroute.testkit.oauth.FakeAuthorizationServer;
import io.keyroute.testkit.oauth.ResourceGuard;
import io.keyroute.testkit.services.TestServices;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.keyroute.vault.net.BaseUrlGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 item 7's OAuth half: the official MCP Java SDK client against {@code /mcp}, in front of an
 * SDK-built MCP server open to all ({@code docs}) and one that requires OAuth ({@code notes}, behind
 * testkit's authorization server). A user who authorized through the management API calls notes'
 * tools with their own upstream token, refreshed by Keyroute when the server answers 401; a user who
 * did not is refused by notes and never sent anyone's token; no caller's Keyroute key reaches either.
 */
class McpOAuthEndToEndTest {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anAuthorizedUserCallsTheProtectedServerWithTheirOwnRefreshedTokenAndNoOneElseDoes() throws Exception {
        List<McpSyncClient> clients = new ArrayList<>();
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = FakeMcpServer.start("docs", spec -> spec
                     .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                     .tools(tool("search", "found")));
             var notesGuard = new GuardedServer(as);
             var g = new VaultGateway(TestServices.sqlite(), "http://127.0.0.1:9")) {
            var mcp = new McpSettings(List.of(new McpServerSettings("docs", docs.url()),
                    new McpServerSettings("notes", notesGuard.server.url())));
            g.mcp(mcp, true);
            g.mcpAuthorization = new VaultUpstreamAuthorization(g.vault.mcpCredentials(), new McpOAuth(g.vault.mcpCredentials(),
                    new ConfiguredMcpServers(() -> mcp), new BaseUrlGuard(() -> true), Clock.systemUTC()),
                    g.vault.database().cacheFreshness());
            Tenancy t = Tenancy.create(g);

            // Bob authorizes Keyroute at notes' authorization server once, through the management API.
            Response started = g.call("POST", "/api/v1/mcp/servers/notes/oauth/start", t.bobKey(), null);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            HttpResponse<String> consent = BROWSER.send(HttpRequest.newBuilder(URI.create(started.text("authorization_url"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            URI back = URI.create(consent.headers().firstValue("Location").orElseThrow());
            assertThat(g.call("GET", back.getPath() + "?" + back.getRawQuery(), null, null).status()).isEqualTo(200);

            McpSyncClient bob = client(g, t.bobKey(), clients);
            assertThat(bob.listTools().tools().stream().map(McpSchema.Tool::name).toList())
                    .contains("docs__search", "notes__read");
            assertThat(text(bob.callTool(new McpSchema.CallToolRequest("notes__read", Map.of())))).isEqualTo("a note");
            String bobsToken = notesGuard.guard.authorizations().getLast();
            assertThat(bobsToken).startsWith("Bearer at-");

            // The token is revoked: notes answers 401, Keyroute refreshes; the call after works with the new token.
            as.revokeAccessTokens();
            // The call that met the 401 fails (the MCP error names the server); the refresh is done by then.
            assertThatThrownBy(() -> bob.callTool(new McpSchema.CallToolRequest("notes__read", Map.of())))
                    .isInstanceOf(RuntimeException.class);
            assertThat(as.tokenRequests("refresh_token")).isEqualTo(1);
            assertThat(text(bob.callTool(new McpSchema.CallToolRequest("notes__read", Map.of())))).isEqualTo("a note");
            assertThat(notesGuard.guard.authorizations().getLast()).startsWith("Bearer at-").isNotEqualTo(bobsToken);

            // Ada has no credential for notes: notes refuses her, she is never sent Bob's token; docs still works.
            int seenBefore = notesGuard.guard.authorizations().size();
            McpSyncClient ada = client(g, t.adaKey(), clients);
            assertThat(text(ada.callTool(new McpSchema.CallToolRequest("docs__search", Map.of())))).isEqualTo("found");
            assertThatThrownBy(() -> ada.callTool(new McpSchema.CallToolRequest("notes__read", Map.of())))
                    .isInstanceOf(RuntimeException.class);
            assertThat(notesGuard.guard.authorizations().subList(seenBefore, notesGuard.guard.authorizations().size()))
                    .isNotEmpty().allMatch(String::isEmpty);
            // No caller's Keyroute key ever reached an upstream.
            assertThat(String.join("\n", notesGuard.guard.authorizations())).doesNotContain(t.bobKey()).doesNotContain(t.adaKey());
            assertThat(docs.requests().toString()).doesNotContain(t.bobKey()).doesNotContain(t.adaKey());
        } finally {
            clients.forEach(McpSyncClient::closeGracefully);
        }
    }

    /** The notes server: SDK-built, behind a {@link ResourceGuard} of the authorization server. */
    private static final class GuardedServer implements AutoCloseable {
        final ResourceGuard guard;
        final FakeMcpServer server;

        GuardedServer(FakeAuthorizationServer as) {
            this.guard = new ResourceGuard("/mcp", as.issuer(), as);
            this.server = FakeMcpServer.start("notes", spec -> spec
                    .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                    .tools(tool("read", "a note")), guard::install);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static McpSyncClient client(VaultGateway g, String key, List<McpSyncClient> clients) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + g.port()).endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        clients.add(client);
        return client;
    }

    private static McpServerFeatures.SyncToolSpecification tool(String name, String answer) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(name).description("the " + name + " tool").inputSchema(Map.of("type", "object")).build())
                .callHandler((exchange, call) -> McpSchema.CallToolResult.builder().addTextContent(answer).build()).build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }
}
