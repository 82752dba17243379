package io.keyroute.server.mcp;

/** Told of each tool call once it ended: the ledger and audit log, the metrics. */
@FunctionalInterface
public interface McpCallEvents {
    McpCallEvents NONE = call -> {
    };

    void called(McpCall call);

    default McpCallEvents andThen(McpCallEvents next) {
        return call -> {
            called(call);
            next.called(call);
        };
    }
}
