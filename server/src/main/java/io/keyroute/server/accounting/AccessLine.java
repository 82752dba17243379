package io.keyroute.server.accounting;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secrets;
import io.keyroute.usage.RequestRecord;
import java.io.IOException;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.mask.MaskingJsonGenerator;

/**
 * The access log's fields, written past the log's secret masker: every value is one Keyroute made
 * itself (ids, the provider's configured id, the route's configured name, numbers, outcome words),
 * except the two model names, which come from the caller and are masked here as the masker would,
 * once each. Running the masker's shape search over every value cost three quarters of a request's
 * CPU.
 */
final class AccessLine implements StructuredArgument {
    // The field names encoded once: Jackson copies their bytes instead of encoding each name per line.
    private static final SerializedString REQUEST_ID = new SerializedString("request_id");
    private static final SerializedString REQUESTED_MODEL = new SerializedString("requested_model");
    private static final SerializedString PROVIDER = new SerializedString("provider");
    private static final SerializedString MODEL = new SerializedString("model");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString LATENCY_US = new SerializedString("latency_us");
    private static final SerializedString KEY_ID = new SerializedString("key_id");
    private static final SerializedString USER_ID = new SerializedString("user_id");
    private static final SerializedString WORKSPACE_ID = new SerializedString("workspace_id");
    private static final SerializedString CREDENTIAL_ID = new SerializedString("credential_id");
    private static final SerializedString ROUTE = new SerializedString("route");
    private static final SerializedString ATTEMPTS = new SerializedString("attempts");
    private static final SerializedString STREAM = new SerializedString("stream");
    private static final SerializedString OUTCOME = new SerializedString("outcome");
    private static final SerializedString TTFT_US = new SerializedString("ttft_us");
    private static final SerializedString PROMPT_TOKENS = new SerializedString("prompt_tokens");
    private static final SerializedString COMPLETION_TOKENS = new SerializedString("completion_tokens");
    private static final SerializedString CACHED_TOKENS = new SerializedString("cached_tokens");
    private static final SerializedString REASONING_TOKENS = new SerializedString("reasoning_tokens");
    private static final SerializedString CACHE_WRITE_TOKENS = new SerializedString("cache_write_tokens");
    private static final SerializedString COST_MICROS = new SerializedString("cost_micros");

    private final RequestRecord r;
    private final String requestedModel;
    private final String model;

    AccessLine(RequestRecord r) {
        this.r = r;
        this.requestedModel = callerText(r.requestedModel());
        this.model = callerText(r.model());
    }

    /** What the log's masker would have done to it: registered secrets, then key shapes. */
    private static String callerText(String text) {
        return text == null ? null : Secrets.scrub(KnownSecrets.mask(text));
    }

    @Override
    public void writeTo(JsonGenerator generator) throws IOException {
        JsonGenerator out = generator instanceof MaskingJsonGenerator masking ? masking.getDelegate() : generator;
        string(out, REQUEST_ID, r.requestId());
        string(out, REQUESTED_MODEL, requestedModel);
        string(out, PROVIDER, r.provider());
        string(out, MODEL, model);
        number(out, STATUS, r.status());
        number(out, LATENCY_US, r.latencyMicros());
        string(out, KEY_ID, r.keyId());
        string(out, USER_ID, r.userId());
        string(out, WORKSPACE_ID, r.workspaceId());
        string(out, CREDENTIAL_ID, r.credentialId());
        string(out, ROUTE, r.route());
        number(out, ATTEMPTS, r.attempts());
        bool(out, STREAM, r.streamed());
        string(out, OUTCOME, r.outcome());
        number(out, TTFT_US, r.timeToFirstTokenMicros());
        number(out, PROMPT_TOKENS, r.usage().promptTokens());
        number(out, COMPLETION_TOKENS, r.usage().completionTokens());
        number(out, CACHED_TOKENS, r.usage().cachedTokens());
        number(out, REASONING_TOKENS, r.usage().reasoningTokens());
        number(out, CACHE_WRITE_TOKENS, r.usage().cacheWriteTokens());
        out.writeFieldName(COST_MICROS);
        if (r.costMicros() == null) {
            out.writeNull();
        } else {
            out.writeNumber(r.costMicros());
        }
    }

    private static void string(JsonGenerator out, SerializedString name, String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void number(JsonGenerator out, SerializedString name, long value) throws IOException {
        out.writeFieldName(name);
        out.writeNumber(value);
    }

    private static void bool(JsonGenerator out, SerializedString name, boolean value) throws IOException {
        out.writeFieldName(name);
        out.writeBoolean(value);
    }

    /** The line's message: short, from the same values (the masker still reads it, as every message). */
    @Override
    public String toString() {
        return r.requestId() + " " + requestedModel + " -> " + r.provider() + "/" + model + " " + r.status()
                + " in " + r.latencyMicros() + " us";
    }
}
