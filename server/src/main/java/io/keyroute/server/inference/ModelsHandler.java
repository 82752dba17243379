package io.keyroute.server.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.ModelName;
import io.keyroute.routing.Access;
import io.keyroute.routing.Resolution;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.inference.attempts.CallerPlan;
import io.keyroute.server.runtime.GatewayRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the routes, aliases and catalog models this
 * caller may use. In Anthropic's shape ({@code type: model}, {@code display_name}, {@code created_at},
 * {@code lifecycle}; paged by {@code limit}, {@code before_id} and {@code after_id} with
 * {@code has_more}/{@code first_id}/{@code last_id}) when the request carries {@code anthropic-version},
 * as Anthropic's SDKs and Claude Code send it; in OpenAI's otherwise, whole.
 */
public final class ModelsHandler {
    private static final String MODELS_PATH = "/models/";
    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final long startedEpochSecond;

    public ModelsHandler(Supplier<GatewayRuntime> runtimes, CallerAuth auth, long startedEpochSecond) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.startedEpochSecond = startedEpochSecond;
    }

    /**
     * The list: every model this caller may use in one page for an OpenAI-shaped caller (OpenAI's list
     * does not page); a page of it for an Anthropic-shaped one ({@link AnthropicModelPage}).
     */
    public void list(ServerRequest req, ServerResponse res) {
        boolean anthropic = anthropic(req);
        var root = Json.MAPPER.createObjectNode();
        var data = root.putArray("data");
        try {
            List<String> ids = allowedIds(auth.require(req));
            if (anthropic) {
                AnthropicModelPage page = AnthropicModelPage.of(ids, query(req, "limit"), query(req, "before_id"),
                        query(req, "after_id"));
                page.ids().forEach(id -> data.add(entry(id, true)));
                root.put("has_more", page.hasMore());
                root.put("first_id", page.firstId());
                root.put("last_id", page.lastId());
            } else {
                ids.forEach(id -> data.add(entry(id, false)));
                root.put("object", "list");
            }
        } catch (GatewayError e) {
            ErrorResponses.send(res, format(anthropic), e);
            return;
        }
        send(res, root);
    }

    private static String query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().orElse(null);
    }

    /** One model the caller may use; one it may not, or that is not served, is a 404 like an unknown one. */
    public void one(ServerRequest req, ServerResponse res) {
        boolean anthropic = anthropic(req);
        try {
            Caller caller = auth.require(req);
            String path = req.path().path();
            String id = ModelName.checked(path.substring(path.indexOf(MODELS_PATH) + MODELS_PATH.length()));
            if (!allowedIds(caller).contains(id)) {
                throw ClientError.modelNotFound(id);
            }
            send(res, entry(id, anthropic));
        } catch (GatewayError e) {
            ErrorResponses.send(res, format(anthropic), e);
        }
    }

    private List<String> allowedIds(Caller caller) {
        GatewayRuntime runtime = runtimes.get();
        Access access = CallerPlan.of(runtime.config(), caller).access();
        return runtime.resolver().listedModels().stream().filter(id -> allowed(runtime, access, id)).toList();
    }

    private ObjectNode entry(String id, boolean anthropic) {
        var model = Json.MAPPER.createObjectNode();
        if (anthropic) {
            model.put("type", "model");
            model.put("id", id);
            model.put("display_name", id);
            model.put("created_at", Instant.ofEpochSecond(startedEpochSecond).toString());
            model.put("lifecycle", "active"); // required by the SDKs' ModelInfo: a listed model is served
        } else {
            model.put("id", id);
            model.put("object", "model");
            model.put("created", startedEpochSecond);
            int slash = id.indexOf('/');
            model.put("owned_by", slash > 0 ? id.substring(0, slash) : "keyroute");
        }
        return model;
    }

    /** A route (or an alias of one) is listed when any of its models is allowed; a model when it is. */
    private static boolean allowed(GatewayRuntime runtime, Access access, String id) {
        String named = runtime.resolver().unaliased(id);
        return switch (runtime.resolver().resolve(id)) {
            case Resolution.ToRoute r -> Stream.concat(r.route().candidates().stream(), r.route().fallback().stream())
                    .anyMatch(t -> access.denies(t, named).isEmpty());
            case Resolution.ToModel m -> access.denies(m.target(), named).isEmpty();
        };
    }

    private static boolean anthropic(ServerRequest req) {
        return req.headers().contains(HeaderNames.create("anthropic-version"));
    }

    private static WireFormat format(boolean anthropic) {
        return anthropic ? WireFormat.ANTHROPIC_MESSAGES : WireFormat.OPENAI_CHAT;
    }

    private static void send(ServerResponse res, ObjectNode body) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        try {
            res.send(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
