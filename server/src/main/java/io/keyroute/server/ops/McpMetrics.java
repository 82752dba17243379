package io.keyroute.server.ops;

import io.keyroute.server.mcp.McpCall;
import io.keyroute.server.mcp.McpCallEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Tool calls through {@code /mcp} per server and tool: {@code keyroute_mcp_tool_calls_total} by status,
 * {@code keyroute_mcp_tool_call_duration_seconds}, and the bytes sent and received. Servers are the config's ids,
 * tools the names a server lists (a caller's unknown name is refused before it is counted).
 */
final class McpMetrics implements McpCallEvents {
    private final MeterRegistry registry;

    McpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(McpCall call) {
        Counter.builder("keyroute.mcp.tool.calls").description("Tool calls through /mcp, by server, tool and status")
                .tags("server", call.serverId(), "tool", call.tool(), "status", call.status())
                .register(registry).increment();
        Timer.builder("keyroute.mcp.tool.call.duration").description("Time of a tool call through /mcp")
                .tags("server", call.serverId(), "tool", call.tool())
                .register(registry).record(Duration.ofMillis(call.latencyMs()));
        DistributionSummary.builder("keyroute.mcp.tool.call.bytes").baseUnit("bytes")
                .description("Tool call arguments (sent) and results (received) through /mcp")
                .tags("server", call.serverId(), "direction", "sent").register(registry).record(call.requestBytes());
        DistributionSummary.builder("keyroute.mcp.tool.call.bytes").baseUnit("bytes")
                .description("Tool call arguments (sent) and results (received) through /mcp")
                .tags("server", call.serverId(), "direction", "received").register(registry).record(call.responseBytes());
    }
}
