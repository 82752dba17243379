package io.keyroute.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.mcp.McpCall;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A caller chooses the tool names it calls: however many it invents, the metrics hold a bounded set of series. */
class McpMetricsTest {
    private static final Caller CALLER = new Caller("key_1", "user_1", "ws_1", null, Set.of(), false);

    private static McpCall call(String server, String tool) {
        return new McpCall("mcp_1", Instant.EPOCH, CALLER, server, tool, McpCall.OK, 3, 10, 20, null, null);
    }

    @Test
    void toolNamesPastTheBoundAreCountedAsOtherPerServer() {
        var registry = new SimpleMeterRegistry();
        var metrics = new McpMetrics(registry);

        for (int i = 0; i < McpMetrics.TOOLS_PER_SERVER + 500; i++) {
            metrics.called(call("docs", "invented_" + i));
        }
        metrics.called(call("docs", "invented_0"));
        metrics.called(call("ops", "restart"));

        Set<String> docsTools = registry.find("keyroute.mcp.tool.calls").tag("server", "docs").counters().stream()
                .map(c -> c.getId().getTag("tool")).collect(Collectors.toSet());
        assertThat(docsTools).hasSize(McpMetrics.TOOLS_PER_SERVER + 1).contains("invented_0", McpMetrics.OTHER)
                .doesNotContain("invented_" + McpMetrics.TOOLS_PER_SERVER);
        assertThat(registry.get("keyroute.mcp.tool.calls").tags("server", "docs", "tool", McpMetrics.OTHER).counter()
                .count()).isEqualTo(500);
        assertThat(registry.get("keyroute.mcp.tool.calls").tags("server", "docs", "tool", "invented_0").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("keyroute.mcp.tool.calls").tags("server", "ops", "tool", "restart").counter().count())
                .isEqualTo(1);
        assertThat(registry.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith("keyroute.mcp"))
                .count()).isLessThanOrEqualTo(3L * (McpMetrics.TOOLS_PER_SERVER + 2) + 4);
    }
}
