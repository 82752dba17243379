package io.keyroute.server.mcp;

import io.keyroute.server.config.McpServerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every configured server at once (a virtual thread each) and joins what they answered in config order. A
 * server that fails is left out of this answer (and logged), so one server down never empties the caller's list.
 */
final class Aggregation {
    private static final Logger LOG = LoggerFactory.getLogger(Aggregation.class);

    private Aggregation() {
    }

    static <T> List<T> fromEach(List<McpServerSettings> servers, Function<McpServerSettings, List<T>> ask) {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<T>>> answers = new ArrayList<>(servers.size());
            for (McpServerSettings server : servers) {
                answers.add(threads.submit(() -> ask.apply(server)));
            }
            List<T> joined = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                try {
                    joined.addAll(answers.get(i).get());
                } catch (ExecutionException failed) {
                    LOG.warn("MCP server {} left out of a listing: {}", servers.get(i).id(), failed.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return joined;
                }
            }
            return joined;
        }
    }
}
