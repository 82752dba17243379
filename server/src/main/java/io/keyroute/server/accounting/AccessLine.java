package io.keyroute.server.accounting;

import com.fasterxml.jackson.core.JsonGenerator;
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
        out.writeStringField("request_id", r.requestId());
        out.writeStringField("requested_model", requestedModel);
        out.writeStringField("provider", r.provider());
        out.writeStringField("model", model);
        out.writeNumberField("status", r.status());
        out.writeNumberField("latency_us", r.latencyMicros());
        out.writeStringField("key_id", r.keyId());
        out.writeStringField("user_id", r.userId());
        out.writeStringField("workspace_id", r.workspaceId());
        out.writeStringField("credential_id", r.credentialId());
        out.writeStringField("route", r.route());
        out.writeNumberField("attempts", r.attempts());
        out.writeBooleanField("stream", r.streamed());
        out.writeStringField("outcome", r.outcome());
        out.writeNumberField("ttft_us", r.timeToFirstTokenMicros());
        out.writeNumberField("prompt_tokens", r.usage().promptTokens());
        out.writeNumberField("completion_tokens", r.usage().completionTokens());
        out.writeNumberField("cached_tokens", r.usage().cachedTokens());
        out.writeNumberField("reasoning_tokens", r.usage().reasoningTokens());
        out.writeNumberField("cache_write_tokens", r.usage().cacheWriteTokens());
        out.writeFieldName("cost_micros");
        if (r.costMicros() == null) {
            out.writeNull();
        } else {
            out.writeNumber(r.costMicros());
        }
    }

    /** The line's message: short, from the same values (the masker still reads it, as every message). */
    @Override
    public String toString() {
        return r.requestId() + " " + requestedModel + " -> " + r.provider() + "/" + model + " " + r.status()
                + " in " + r.latencyMicros() + " us";
    }
}
