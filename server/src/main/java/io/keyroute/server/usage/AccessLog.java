package io.keyroute.server.usage;

import static net.logstash.logback.argument.StructuredArguments.kv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON log line per request, with its fields as separate JSON keys. */
public final class AccessLog implements UsageSink {
    private static final Logger LOG = LoggerFactory.getLogger("keyroute.access");

    @Override
    public void record(RequestRecord r) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("{} {} -> {}/{} {} in {} us", kv("request_id", r.requestId()), kv("requested_model", r.requestedModel()),
                kv("provider", r.provider()), kv("model", r.model()), kv("status", r.status()),
                kv("latency_us", r.latencyMicros()), kv("key_id", r.keyId()), kv("user_id", r.userId()),
                kv("workspace_id", r.workspaceId()), kv("credential_id", r.credentialId()), kv("route", r.route()), kv("attempts", r.attempts()),
                kv("stream", r.streamed()), kv("outcome", r.outcome()), kv("ttft_us", r.timeToFirstTokenMicros()),
                kv("prompt_tokens", r.usage().promptTokens()), kv("completion_tokens", r.usage().completionTokens()),
                kv("cached_tokens", r.usage().cachedTokens()), kv("reasoning_tokens", r.usage().reasoningTokens()),
                kv("cache_write_tokens", r.usage().cacheWriteTokens()), kv("cost_micros", r.costMicros()));
    }
}
