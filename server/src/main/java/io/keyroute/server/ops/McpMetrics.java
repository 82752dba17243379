package io.keyroute.server.ops;

import io.keyroute.server.mcp.McpCall;
import io.keyroute.server.mcp.McpCallEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls through {@code /mcp} per server and tool: {@code keyroute_mcp_tool_calls_total} by status,
 * {@code keyroute_mcp_tool_call_duration_seconds}, and the bytes sent and received. Servers are the config's ids;
 * a tool is labelled by its name for the first {@link #TOOLS_PER_SERVER} names seen per server and {@code other}
 * after: a caller may call any name on a server it may use (the server answers an unknown one), so the names are
 * the caller's to choose and must not mint a series each.
 */
final class McpMetrics implements McpCallEvents {
    static final int TOOLS_PER_SERVER = 256;
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<String, Set<String>> labelled = new ConcurrentHashMap<>();

    McpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(McpCall call) {
        String tool = label(call.serverId(), call.tool());
        Counter.builder("keyroute.mcp.tool.calls").description("Tool calls through /mcp, by server, tool and status")
                .tags("server", call.serverId(), "tool", tool, "status", call.status())
                .register(registry).increment();
        Timer.builder("keyroute.mcp.tool.call.duration").description("Time of a tool call through /mcp")
                .tags("server", call.serverId(), "tool", tool)
                .register(registry).record(Duration.ofMillis(call.latencyMs()));
        DistributionSummary.builder("keyroute.mcp.tool.call.bytes").baseUnit("bytes")
                .description("Tool call arguments (sent) and results (received) through /mcp")
                .tags("server", call.serverId(), "direction", "sent").register(registry).record(call.requestBytes());
        DistributionSummary.builder("keyroute.mcp.tool.call.bytes").baseUnit("bytes")
                .description("Tool call arguments (sent) and results (received) through /mcp")
                .tags("server", call.serverId(), "direction", "received").register(registry).record(call.responseBytes());
    }

    /** The tool's own name while the server has fewer than {@link #TOOLS_PER_SERVER} labelled, else {@code other}. */
    private String label(String server, String tool) {
        Set<String> names = labelled.computeIfAbsent(server, s -> ConcurrentHashMap.newKeySet());
        if (names.contains(tool)) {
            return tool;
        }
        synchronized (names) {
            if (names.size() < TOOLS_PER_SERVER) {
                names.add(tool);
                return tool;
            }
        }
        return OTHER;
    }
}
