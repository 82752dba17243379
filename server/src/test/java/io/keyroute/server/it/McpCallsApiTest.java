package io.keyroute.server.it;

import static io.keyroute.server.it.McpTools.text;
import static io.keyroute.server.it.McpTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.mcp.FakeMcpServer;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /api/v1/mcp/calls} and {@code /mcp/calls/totals} over real HTTP, on SQLite and PostgreSQL, after calls
 * through {@code /mcp} (the SDK's client) to an SDK-built MCP server: newest first, paged, each caller's own scope,
 * content only as recorded, and bad paging answered 400 in the management API's error shape.
 */
class McpCallsApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String EMAIL = "grace.hopper@navy.example";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static List<JsonNode> data(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().get("data").forEach(rows::add);
        return rows;
    }

    private static List<String> ids(Response r) {
        return data(r).stream().map(n -> n.get("id").asText()).toList();
    }

    private static void call(VaultGateway g, String key, String tool, Map<String, Object> arguments) throws InterruptedException {
        McpSyncClient client = McpTools.client(g.port(), key);
        try {
            client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        } finally {
            client.closeGracefully();
        }
        Thread.sleep(2); // the next call a millisecond later at least: the order below is the order of the calls
    }

    private static void assertBadRequest(Response r, String param) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).as(r.body()).isEqualTo("invalid_request");
        assertThat(r.json().at("/error/type").asText()).as(r.body()).isEqualTo("invalid_request_error");
        assertThat(r.json().at("/error/message").asText()).as(r.body()).contains("'" + param + "'");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theLatestToolCallsNewestFirstInEachCallersScope(TestDatabase db) throws Exception {
        try (var docs = FakeMcpServer.start("docs", spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tool("search", (exchange, c) -> text("found: " + c.arguments().get("q"))),
                        tool("broken", (exchange, c) -> McpSchema.CallToolResult.builder().addTextContent("disk full")
                                .isError(true).build())));
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            g.mcp(new McpSettings(List.of(new McpServerSettings("docs", docs.url()))));
            Team t = Team.create(g);
            Team other = Team.create(g);
            call(g, t.adaKey(), "docs__search", Map.of("q", "ada asks " + EMAIL));
            call(g, t.bobKey(), "docs__search", Map.of("q", "bob asks"));
            call(g, t.bobKey(), "docs__broken", Map.of());
            call(g, other.bobKey(), "docs__search", Map.of("q", "another team"));

            Response all = g.call("GET", "/api/v1/mcp/calls", ADMIN, null);
            assertThat(data(all)).extracting(n -> n.get("user_id").asText() + " " + n.get("tool").asText() + " "
                    + n.get("status").asText()).containsExactly(other.bob() + " search ok", t.bob() + " broken tool_error",
                    t.bob() + " search ok", t.ada() + " search ok");
            assertThat(all.json().get("has_more").asBoolean()).isFalse();
            assertThat(all.body()).doesNotContain(EMAIL).doesNotContain("found:").doesNotContain("disk full")
                    .doesNotContain(t.adaKey()).doesNotContain(t.bobKey());

            JsonNode ada = data(all).getLast();
            assertThat(ada.get("id").asText()).matches("mcp_[0-9a-f]{24}");
            assertThat(ada.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(ada.get("workspace_id").asText()).isEqualTo(t.ws());
            assertThat(ada.get("key_id").asText()).isEqualTo(t.adaKeyId());
            assertThat(ada.get("server").asText()).isEqualTo("docs");
            assertThat(ada.get("latency_ms").isIntegralNumber()).isTrue();
            assertThat(ada.get("request_bytes").asLong()).isEqualTo(("{\"q\":\"ada asks " + EMAIL + "\"}").length());
            assertThat(ada.get("response_bytes").asLong()).isPositive();
            assertThat(ada.get("arguments").isNull()).as("mcp.record_content is off").isTrue();
            assertThat(ada.get("result").isNull()).isTrue();

            // A workspace admin sees their workspace's calls, a member their own, a page at a time.
            List<String> newestFirst = ids(all);
            assertThat(ids(g.call("GET", "/api/v1/mcp/calls", t.adaKey(), null))).containsExactlyElementsOf(newestFirst.subList(1, 4));
            Response page = g.call("GET", "/api/v1/mcp/calls?limit=1", t.bobKey(), null);
            assertThat(ids(page)).containsExactly(newestFirst.get(1));
            assertThat(page.json().get("has_more").asBoolean()).isTrue();
            Response next = g.call("GET", "/api/v1/mcp/calls?limit=1&before=" + newestFirst.get(1), t.bobKey(), null);
            assertThat(ids(next)).containsExactly(newestFirst.get(2));
            assertThat(next.json().get("has_more").asBoolean()).isFalse();
            assertThat(ids(g.call("GET", "/api/v1/mcp/calls", other.bobKey(), null))).containsExactly(newestFirst.get(0));

            // Another's call is no cursor; limits are bounded; hostile values are refused, never run.
            assertBadRequest(g.call("GET", "/api/v1/mcp/calls?before=" + newestFirst.get(3), t.bobKey(), null), "before");
            assertBadRequest(g.call("GET", "/api/v1/mcp/calls?before=" + newestFirst.get(0), t.adaKey(), null), "before");
            for (String hostile : List.of("' OR '1'='1", "mcp_x' UNION SELECT key_id FROM mcp_calls --", "%00", "x".repeat(500))) {
                assertBadRequest(g.call("GET", "/api/v1/mcp/calls?before=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8),
                        ADMIN, null), "before");
            }
            for (String limit : List.of("0", "1001", "-1", "abc", "1e3", "2147483648", "1;DROP TABLE mcp_calls")) {
                assertBadRequest(g.call("GET", "/api/v1/mcp/calls?limit=" + URLEncoder.encode(limit, StandardCharsets.UTF_8),
                        ADMIN, null), "limit");
            }
            assertThat(ids(g.call("GET", "/api/v1/mcp/calls?limit=1000", ADMIN, null))).hasSize(4);
            assertThat(g.call("GET", "/api/v1/mcp/calls", null, null).status()).isEqualTo(401);

            // Each tool's totals, in the same scopes.
            assertThat(data(g.call("GET", "/api/v1/mcp/calls/totals", ADMIN, null))).extracting(n -> n.get("server").asText()
                    + "__" + n.get("tool").asText() + " " + n.get("calls").asLong() + " calls, " + n.get("errors").asLong()
                    + " errors").containsExactly("docs__broken 1 calls, 1 errors", "docs__search 3 calls, 0 errors");
            assertThat(data(g.call("GET", "/api/v1/mcp/calls/totals", t.bobKey(), null))).extracting(n -> n.get("tool").asText()
                    + " " + n.get("calls").asLong()).containsExactly("broken 1", "search 1");
            JsonNode search = data(g.call("GET", "/api/v1/mcp/calls/totals", other.bobKey(), null)).getFirst();
            assertThat(search.get("p50_ms").asLong()).isEqualTo(data(g.call("GET", "/api/v1/mcp/calls", other.bobKey(), null))
                    .getFirst().get("latency_ms").asLong());
            assertThat(data(g.call("GET", "/api/v1/mcp/calls/totals?to=2020-01-01", ADMIN, null))).isEmpty();
            assertBadRequest(g.call("GET", "/api/v1/mcp/calls/totals?from=yesterday", ADMIN, null), "from");

            // With mcp.record_content on, what was stored, redacted, and only that.
            g.mcp(new McpSettings(List.of(new McpServerSettings("docs", docs.url())), null, null, null, null, true));
            call(g, other.adaKey(), "docs__search", Map.of("q", "mail " + EMAIL));
            JsonNode recorded = data(g.call("GET", "/api/v1/mcp/calls?limit=1", other.adaKey(), null)).getFirst();
            assertThat(recorded.get("arguments").asText()).startsWith("{\"q\":\"mail <").doesNotContain(EMAIL);
            assertThat(recorded.get("result").asText()).contains("found: mail <").doesNotContain(EMAIL);
        }
    }
}
