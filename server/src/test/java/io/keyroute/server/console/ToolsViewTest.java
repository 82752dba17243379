package io.keyroute.server.console;

import static io.keyroute.server.it.McpTools.text;
import static io.keyroute.server.it.McpTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import io.keyroute.server.it.McpTools;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.mcp.FakeMcpServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tools in a real Chromium: tool calls made through {@code /mcp} (the SDK's client) to an SDK-built MCP server appear
 * without a reload with the ledger's numbers, each caller sees their own scope, and each tool's totals follow.
 */
class ToolsViewTest extends ManagementViewTest {
    private static final String CALLS = "main section[aria-label='Tool calls']";
    private static final String TOTALS = "main section[aria-label='Totals per tool']";
    private static FakeMcpServer docs;

    @BeforeAll
    static void mcpServer() {
        docs = FakeMcpServer.start("docs", spec -> spec
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tool("search", (exchange, c) -> text("found: " + c.arguments().get("q"))),
                        tool("broken", (exchange, c) -> McpSchema.CallToolResult.builder().addTextContent("disk full")
                                .isError(true).build())));
        fixture.gateway().mcp(settings(false));
    }

    private static McpSettings settings(boolean recordContent) {
        return new McpSettings(List.of(new McpServerSettings("docs", docs.url())), null, null, null, null, recordContent);
    }

    @AfterAll
    static void stopMcpServer() {
        docs.close();
    }

    private static void callTool(String key, String tool) {
        callTool(key, tool, "console");
    }

    private static void callTool(String key, String tool, String q) {
        McpSyncClient client = McpTools.client(fixture.gateway().port(), key);
        try {
            client.callTool(new McpSchema.CallToolRequest(tool, Map.of("q", q)));
        } finally {
            client.closeGracefully();
        }
    }

    private static List<JsonNode> ledger(String token, String path) {
        Response r = call(token, "GET", "/api/v1/mcp/calls" + path, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().get("data").forEach(items::add);
        return items;
    }

    private static List<Map<String, String>> shown(String section) {
        return ViewSteps.rows(browser, section);
    }

    private static Optional<Map<String, String>> shownTotal(String tool) {
        return shown(TOTALS).stream().filter(r -> r.get("Tool").equals(tool)).findFirst();
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    @Test
    void aToolCallMadeWhileTheViewIsShownAppearsWithoutAReloadWithTheLedgersNumbers() {
        openAs(fixture.memberKey(), "Tools");
        browser.script("window.sameDocument = true;");

        callTool(fixture.memberKey(), "docs__search");
        JsonNode call = ledger(fixture.memberKey(), "?limit=1").getFirst();
        browser.waitFor(() -> shown(CALLS).stream().anyMatch(r -> r.get("Call").equals(call.get("id").asText())));
        assertThat(browser.script("return window.sameDocument === true;")).isEqualTo(true);

        Map<String, String> row = shown(CALLS).getFirst();
        assertThat(row).containsEntry("Call", call.get("id").asText()).containsEntry("Tool", "docs__search")
                .containsEntry("Status", "ok").containsEntry("Key", call.get("key_id").asText())
                .containsEntry("Bytes in / out", count(call.get("request_bytes").asLong()) + " / "
                        + count(call.get("response_bytes").asLong()))
                .doesNotContainKey("User"); // a member sees only their own
        assertThat(row.getOrDefault("Arguments", "")).as("mcp.record_content was off").isEmpty();
        assertThat(row.get("Latency")).endsWith("ms");

        JsonNode total = ledger(fixture.memberKey(), "/totals").stream()
                .filter(t -> t.get("tool").asText().equals("search")).findFirst().orElseThrow();
        browser.waitFor(() -> shownTotal("docs__search").map(t -> t.get("Calls").equals(count(total.get("calls").asLong())))
                .orElse(false));
        assertThat(shownTotal("docs__search").orElseThrow()).containsEntry("Errors", count(total.get("errors").asLong()));
        assertThat(browser.pageText()).doesNotContain(fixture.memberKey()).doesNotContain("found: console");
        browser.screenshot("tools");
    }

    @Test
    void theAdminSeesEveryonesCallsAndAMemberNeverAnotherUsers() {
        callTool(fixture.workspaceAdminKey(), "docs__broken");
        String adasCall = ledger(fixture.workspaceAdminKey(), "?limit=1").getFirst().get("id").asText();
        callTool(fixture.memberKey(), "docs__search");

        openAs(fixture.adminToken(), "Tools");
        Map<String, String> broken = shown(CALLS).stream().filter(r -> r.get("Call").equals(adasCall)).findFirst().orElseThrow();
        assertThat(broken).containsEntry("User", "ada@acme.test").containsEntry("Tool", "docs__broken")
                .containsEntry("Status", "tool_error");
        assertThat(shown(CALLS)).extracting(r -> r.get("User")).contains("max@acme.test");
        assertThat(shown(CALLS)).extracting(r -> r.get("Call"))
                .containsExactlyElementsOf(ledger(fixture.adminToken(), "").stream().map(c -> c.get("id").asText()).toList());
        JsonNode total = ledger(fixture.adminToken(), "/totals").stream()
                .filter(t -> t.get("tool").asText().equals("broken")).findFirst().orElseThrow();
        assertThat(shownTotal("docs__broken").orElseThrow()).containsEntry("Calls", count(total.get("calls").asLong()))
                .containsEntry("Errors", count(total.get("errors").asLong()));

        openAs(fixture.memberKey(), "Tools");
        List<String> membersOwn = ledger(fixture.memberKey(), "").stream().map(c -> c.get("id").asText()).toList();
        assertThat(shown(CALLS)).extracting(r -> r.get("Call")).isNotEmpty().containsExactlyElementsOf(membersOwn)
                .doesNotContain(adasCall);
        assertThat(shownTotal("docs__broken")).isEmpty();
    }

    @Test
    void withRecordContentOnTheArgumentsAndResultAreShownAsTheLedgerKeptThemRedacted() {
        String email = "grace.hopper@navy.example";
        fixture.gateway().mcp(settings(true));
        try {
            callTool(fixture.memberKey(), "docs__search", "mail " + email);
        } finally {
            fixture.gateway().mcp(settings(false));
        }
        JsonNode call = ledger(fixture.memberKey(), "?limit=1").getFirst();

        openAs(fixture.memberKey(), "Tools");
        Map<String, String> row = shown(CALLS).getFirst();
        assertThat(row).containsEntry("Call", call.get("id").asText())
                .containsEntry("Arguments", call.get("arguments").asText())
                .containsEntry("Result", call.get("result").asText());
        assertThat(row.get("Arguments")).startsWith("{\"q\":\"mail <").doesNotContain(email);
        assertThat(browser.pageText()).contains("found: mail <").doesNotContain(email);
    }
}
