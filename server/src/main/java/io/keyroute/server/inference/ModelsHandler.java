package io.keyroute.server.inference;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.catalog.Target;
import io.keyroute.routing.Access;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.CallerPlan;
import io.keyroute.server.runtime.GatewayRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;

/** {@code GET /v1/models}: the routes and catalog models this caller may use, in OpenAI's list shape. */
public final class ModelsHandler implements Handler {
    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final long startedEpochSecond;

    public ModelsHandler(Supplier<GatewayRuntime> runtimes, CallerAuth auth, long startedEpochSecond) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.startedEpochSecond = startedEpochSecond;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Caller caller;
        try {
            caller = auth.require(req);
        } catch (GatewayError e) {
            ErrorResponses.send(res, WireFormat.OPENAI_CHAT, e);
            return;
        }
        GatewayRuntime runtime = runtimes.get();
        Access access = CallerPlan.of(runtime.config(), caller).access();
        var root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        var data = root.putArray("data");
        for (String id : runtime.resolver().listedModels()) {
            if (!allowed(runtime, access, id)) {
                continue;
            }
            var model = data.addObject();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", startedEpochSecond);
            int slash = id.indexOf('/');
            model.put("owned_by", slash > 0 ? id.substring(0, slash) : "keyroute");
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        try {
            res.send(Json.MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route is listed when any of its models is allowed; a model when it is. */
    private static boolean allowed(GatewayRuntime runtime, Access access, String id) {
        return runtime.resolver().route(id)
                .map(r -> java.util.stream.Stream.concat(r.candidates().stream(), r.fallback().stream())
                        .anyMatch(t -> access.denies(t, id).isEmpty()))
                .orElseGet(() -> access.denies(Target.parse(id), id).isEmpty());
    }
}
