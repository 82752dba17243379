package io.keyroute.server.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelInfo;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every name a rule may read, its CEL type (rules are type-checked against these at config load)
 * and where its value comes from. A value the request lacks is its type's zero ({@code ""},
 * {@code 0}, {@code false}, an empty list or map), never an error, so {@code caller.workspace ==
 * 'ws_1'} is simply false for the admin token.
 */
enum PolicyVariable {
    CALLER_WORKSPACE("caller.workspace", SimpleType.STRING, f -> text(f.caller().workspaceId())),
    CALLER_USER("caller.user", SimpleType.STRING, f -> text(f.caller().userId())),
    CALLER_ROLE("caller.role", SimpleType.STRING, f -> text(f.caller().role())),
    CALLER_KEY("caller.key", SimpleType.STRING, f -> text(f.caller().keyId())),
    CALLER_PLAN("caller.plan", SimpleType.STRING, f -> text(f.caller().plan())),

    TARGET_PROVIDER("target.provider", SimpleType.STRING, f -> f.target() == null ? "" : f.target().providerId()),
    TARGET_MODEL("target.model", SimpleType.STRING, f -> f.target() == null ? "" : f.target().qualified()),
    TARGET_TIER("target.tier", SimpleType.STRING, f -> f.model() == null || f.model().tier() == null ? ""
            : f.model().tier().configName()),
    TARGET_CAPABILITIES("target.capabilities", ListType.create(SimpleType.STRING), f -> capabilities(f.model())),
    TARGET_INPUT_PRICE("target.input_usd_per_mtok", SimpleType.DOUBLE,
            f -> price(f.model() == null ? null : f.model().inputUsdPerMtok())),
    TARGET_OUTPUT_PRICE("target.output_usd_per_mtok", SimpleType.DOUBLE,
            f -> price(f.model() == null ? null : f.model().outputUsdPerMtok())),

    REQUEST_MODEL("request.model", SimpleType.STRING, f -> f.decision() == null ? "" : text(f.decision().requested())),
    REQUEST_ROUTE("request.route", SimpleType.STRING, f -> f.decision() == null ? "" : text(f.decision().route())),
    REQUEST_PROMPT_TOKENS("request.estimated_prompt_tokens", SimpleType.INT,
            f -> f.decision() == null ? 0L : (long) f.decision().needs().promptTokens()),
    REQUEST_MAX_TOKENS("request.max_tokens", SimpleType.INT,
            f -> f.shape() == null ? 0L : (long) f.shape().maxOutputTokens().orElse(0)),
    REQUEST_TOOLS("request.tools", SimpleType.INT, f -> f.shape() == null ? 0L : (long) f.shape().tools()),
    REQUEST_IMAGES("request.images", SimpleType.INT, f -> f.shape() == null ? 0L : (long) f.shape().images()),
    REQUEST_STREAM("request.stream", SimpleType.BOOL, f -> f.shape() != null && f.shape().stream()),
    REQUEST_HOUR_UTC("request.hour_utc", SimpleType.INT, f -> (long) f.now().atZone(ZoneOffset.UTC).getHour()),

    NOW("now", SimpleType.TIMESTAMP, PolicyFacts::now),

    /** What is asked: {@code model} (an inference request) or {@code tool} (a tool call through {@code /mcp}). */
    CALL("call", SimpleType.STRING, f -> f.tool() == null ? "model" : "tool"),
    TOOL_SERVER("tool.server", SimpleType.STRING, f -> f.tool() == null ? "" : f.tool().server()),
    TOOL_NAME("tool.name", SimpleType.STRING, f -> f.tool() == null ? "" : f.tool().name()),
    /** The call's arguments as JSON has them (CEL's ints are longs, its floats doubles); empty for a model request. */
    TOOL_ARGUMENTS("tool.arguments", MapType.create(SimpleType.STRING, SimpleType.DYN),
            f -> f.tool() == null ? Map.of() : f.tool().arguments()),
    /** Each input guardrail's verdict by its name: {@code {action, score, entities: {type: count}}}. */
    GUARDRAILS("guardrails", MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN)),
            PolicyFacts::guardrails);

    private static final Map<String, PolicyVariable> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(v -> v.name, v -> v));

    final String name;
    final CelType type;
    private final Function<PolicyFacts, Object> value;

    PolicyVariable(String name, CelType type, Function<PolicyFacts, Object> value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    static PolicyVariable named(String name) {
        return BY_NAME.get(name);
    }

    /** {@code target.{provider, model, …}}: the names under {@code prefix}, or empty when none is. */
    static String namesUnder(String prefix) {
        String dotted = prefix + ".";
        List<String> fields = Arrays.stream(values()).map(v -> v.name).filter(n -> n.startsWith(dotted))
                .map(n -> n.substring(dotted.length())).toList();
        return fields.isEmpty() ? "" : prefix + ".{" + String.join(", ", fields) + "}";
    }

    Object valueIn(PolicyFacts facts) {
        return value.apply(facts);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** USD per million tokens; 0 for a model the catalog has no price for. */
    private static double price(Double usd) {
        return usd == null ? 0 : usd;
    }

    private static List<String> capabilities(ModelInfo model) {
        if (model == null) {
            return List.of();
        }
        return Arrays.stream(Capability.values()).filter(model::has).map(Capability::configName).toList();
    }
}
