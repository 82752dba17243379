package io.keyroute.server.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names Keyroute's spans use: the OpenTelemetry GenAI semantic conventions
 * ({@code gen_ai.*}, development status, as of semantic-conventions 1.38), the stable HTTP, server and
 * error ones, and Keyroute's own under {@code keyroute.}. Ids only: no attribute carries a key.
 */
final class TraceAttributes {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> CACHE_CREATION_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("keyroute.request.id");
    static final AttributeKey<String> WORKSPACE = AttributeKey.stringKey("keyroute.workspace.id");
    static final AttributeKey<String> USER = AttributeKey.stringKey("keyroute.user.id");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("keyroute.key.id");
    static final AttributeKey<String> CREDENTIAL = AttributeKey.stringKey("keyroute.credential.id");
    static final AttributeKey<String> PROVIDER_ID = AttributeKey.stringKey("keyroute.provider.id");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("keyroute.route");
    static final AttributeKey<String> ROUTE_REASON = AttributeKey.stringKey("keyroute.route.reason");
    static final AttributeKey<List<String>> TARGETS = AttributeKey.stringArrayKey("keyroute.route.targets");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("keyroute.attempt");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("keyroute.attempts");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("keyroute.stream");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("keyroute.cost.usd");
    /** The provider read some of the prompt from its own prompt cache. */
    static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("keyroute.cache_hit");
    /** What Keyroute's answer cache did: hit, miss or bypass. */
    static final AttributeKey<String> ANSWER_CACHE = AttributeKey.stringKey("keyroute.cache");
    static final AttributeKey<Double> ANSWER_CACHE_SAVED = AttributeKey.doubleKey("keyroute.cache.saved_usd");
    static final AttributeKey<Double> ANSWER_CACHE_SIMILARITY = AttributeKey.doubleKey("keyroute.cache.similarity");
    static final AttributeKey<Boolean> ESTIMATED = AttributeKey.booleanKey("keyroute.usage.estimated");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("keyroute.outcome");
    static final AttributeKey<String> LIMIT = AttributeKey.stringKey("keyroute.limit");

    private TraceAttributes() {
    }
}
