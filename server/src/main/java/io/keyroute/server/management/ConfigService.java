package io.keyroute.server.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.ConfigSections;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.stored.LiveConfig;
import io.keyroute.server.config.stored.StoredSection;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.vault.common.VaultErrors;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The run-time config kept in the database, for the admin token only: {@code GET /config} (every
 * run-time section as it runs on this replica, where it comes from, secrets masked),
 * {@code GET /config/{section}}, {@code PUT /config/{section}} (its text, as written in the file)
 * and {@code DELETE /config/{section}} (the file's applies again; 404 for a section not stored). A
 * change names the version it was based on ({@code If-Match}, or {@code version} in the body; 0 for
 * a section not stored): 409 when someone else changed it meanwhile. A change that makes the config
 * invalid, with the other stored sections as they are when it is saved, is refused with 422 and the
 * validator's problems, nothing stored. Changes are audited.
 */
final class ConfigService implements HttpService {
    private static final String DATABASE = "database";
    private static final String FILE = "file";

    private final ManagementAuth auth;
    private final LiveConfig live;
    private final Supplier<GatewayRuntime> runtimes;
    private final Consumer<KeyrouteConfig> check;

    /** @param check what only building a runtime finds, asked before anything is stored */
    ConfigService(ManagementAuth auth, LiveConfig live, Supplier<GatewayRuntime> runtimes, Consumer<KeyrouteConfig> check) {
        this.auth = auth;
        this.live = live;
        this.runtimes = runtimes;
        this.check = check;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/config", ManagementCall.of(this::all))
                .get("/config/{section}", ManagementCall.of(this::one))
                .put("/config/{section}", ManagementCall.of(this::put))
                .delete("/config/{section}", ManagementCall.of(this::delete));
    }

    private void all(ServerRequest req, ServerResponse res) {
        admin(req);
        ObjectNode shown = ConfigSections.shown(runtimes.get().config());
        Map<String, StoredSection> stored = live.sections().all().stream()
                .collect(Collectors.toMap(StoredSection::name, Function.identity()));
        ObjectNode body = Json.MAPPER.createObjectNode().put("revision", live.sections().revision());
        var sections = body.putArray("sections");
        ConfigSections.RUNTIME.forEach(name -> sections.add(json(name, Optional.ofNullable(stored.get(name)),
                shown.get(name), false)));
        JsonOut.send(res, 200, body);
    }

    private void one(ServerRequest req, ServerResponse res) {
        admin(req);
        send(res, section(req));
    }

    private void put(ServerRequest req, ServerResponse res) {
        Caller caller = admin(req);
        String section = section(req);
        ObjectNode body = ManagementJson.body(req);
        String content = ManagementJson.text(body, "content");
        if (content == null || content.isBlank()) {
            throw ClientError.badRequest("invalid_request",
                    "'content' must be the section's YAML, as written in the file ('" + section + ":' and what follows).",
                    "content");
        }
        long basedOn = basedOn(req, Optional.ofNullable(body.get("version")));
        validated(() -> live.put(section, content, basedOn, ManagementAuth.actor(caller), check));
        send(res, section);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = admin(req);
        String section = section(req);
        long basedOn = basedOn(req, req.query().first("version").asOptional().map(Json.MAPPER.getNodeFactory()::textNode));
        validated(() -> live.delete(section, basedOn, ManagementAuth.actor(caller), check));
        send(res, section);
    }

    private void send(ServerResponse res, String section) {
        Optional<StoredSection> stored = live.sections().find(section);
        res.header(HeaderNames.ETAG, "\"" + stored.map(StoredSection::version).orElse(0L) + "\"");
        JsonOut.send(res, 200, json(section, stored, ConfigSections.shown(runtimes.get().config()).get(section), true));
    }

    private static ObjectNode json(String name, Optional<StoredSection> stored, JsonNode effective, boolean content) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("section", name)
                .put("source", stored.isPresent() ? DATABASE : FILE)
                .put("version", stored.map(StoredSection::version).orElse(0L))
                .put("updated_by", stored.map(StoredSection::updatedBy).orElse(null))
                .put("updated_at", stored.map(s -> Timestamps.format(s.updatedAt())).orElse(null));
        if (content) {
            o.put("content", stored.map(StoredSection::content).orElse(null));
        }
        o.set("effective", effective);
        return o;
    }

    private Caller admin(ServerRequest req) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        return caller;
    }

    private static String section(ServerRequest req) {
        String name = req.path().pathParameters().get("section");
        if (!ConfigSections.isRuntime(name)) {
            throw VaultErrors.notFound("run-time config section (one of " + String.join(", ", ConfigSections.RUNTIME)
                    + ")", name);
        }
        return name;
    }

    /** The version the edit is based on: {@code If-Match}, else the body's (or query's) {@code version}. */
    private static long basedOn(ServerRequest req, Optional<JsonNode> version) {
        Optional<String> asked = req.headers().first(HeaderNames.IF_MATCH)
                .map(tag -> tag.strip().replaceFirst("^W/", "").replace("\"", ""))
                .or(() -> version.filter(v -> !v.isNull()).map(JsonNode::asText));
        if (asked.isEmpty()) {
            throw ClientError.badRequest("invalid_request", "Say which version you edited: the If-Match header"
                    + " (the ETag you read) or 'version' (0 for a section not stored yet).", "version");
        }
        try {
            long basedOn = Long.parseLong(asked.get());
            if (basedOn >= 0) {
                return basedOn;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ClientError.badRequest("invalid_request", "The version must be a whole number from 0.", "version");
    }

    /** Runs {@code change}; an invalid config is a 422 listing the validator's problems. */
    private static void validated(Runnable change) {
        try {
            change.run();
        } catch (ConfigException e) {
            throw VaultErrors.unprocessable("invalid_config",
                    "The config would be invalid; nothing was changed. " + String.join(" | ", e.problems()), null);
        }
    }
}
