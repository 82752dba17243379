package io.keyroute.testkit.openai;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeUpstream;
import io.keyroute.testkit.LoopbackServer;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.RequestLog;
import io.keyroute.testkit.ScriptedFake;
import io.keyroute.testkit.replies.ErrorWording;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.sse.StreamControl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A faithful fake of the OpenAI API on 127.0.0.1: {@code POST /v1/chat/completions} (JSON and SSE),
 * {@code POST /v1/responses} (JSON and SSE) with {@code GET}/{@code DELETE /v1/responses/{id}} and
 * {@code GET /v1/responses/{id}/input_items} for the responses it stored (each the key's that made it),
 * {@code POST /v1/responses/input_tokens}, {@code GET /v1/models[/{id}]}, {@code POST /v1/embeddings},
 * Bearer auth, OpenAI's error shapes.
 *
 * <p>Without a script, a chat request gets {@code "Echo: <last user message>"} (streamed word by
 * word), prompt tokens = characters of all message contents / 4 rounded up (at least 1) and
 * completion tokens = words of the reply, with the request's model echoed (a Responses request gets
 * the same from its instructions and input). {@link #enqueue} scripts the next chat and Responses
 * replies, one per request, in order.
 *
 * <pre>{@code
 * try (FakeOpenAi fake = FakeOpenAi.builder().apiKey("sk-test").start()) {
 *     fake.enqueue(Reply.error(503, "overloaded").header("retry-after", "1"));
 *     // ... point the client at fake.baseUrl()
 * }
 * }</pre>
 */
public final class FakeOpenAi implements FakeUpstream {
    /** The benchmark mode's canned answer, by default ({@link Builder#fastReply}). */
    public static final String FAST_MODEL = "gpt-4o-mini";
    public static final String FAST_TEXT = "Hello! How can I help you today?";

    private final WebServer server;
    private final Set<String> apiKeys;
    private final boolean echoRejectedKeys;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final StreamControl control = new StreamControl();
    private final RequestLog log;
    private final ChatHandler chat;
    private final Map<String, ChatHandler> chatByKey = new java.util.HashMap<>();
    private final ResponsesHandler responses;
    private final EmbeddingsHandler embeddings;
    private final InputTokensHandler inputTokens;
    private final FastPath fast;
    private final List<String> models;
    private final long modelsCreated;

    private FakeOpenAi(Builder b) {
        this.apiKeys = Set.copyOf(b.apiKeys);
        this.echoRejectedKeys = b.echoRejectedKeys;
        this.models = List.copyOf(b.models);
        this.modelsCreated = 1_715_367_049L;
        Set<String> known = b.rejectUnknownModels ? Set.copyOf(b.models) : Set.of();
        this.log = new RequestLog(b.recordRequests);
        this.chat = new ChatHandler(script::poll, control, b.clock, known, b.chunkDelay);
        b.repliesByKey.forEach((key, reply) ->
                chatByKey.put(key, new ChatHandler(() -> reply, control, b.clock, known, b.chunkDelay)));
        Map<String, Reply> repliesByKey = Map.copyOf(b.repliesByKey);
        this.responses = new ResponsesHandler(
                key -> repliesByKey.containsKey(key) ? repliesByKey.get(key) : script.poll(),
                control, b.clock, known, b.chunkDelay);
        this.embeddings = new EmbeddingsHandler(known);
        this.inputTokens = new InputTokensHandler(() -> ScriptedFake.nextError(script));
        this.fast = b.fastPath
                ? new FastPath(b.fastModel, b.fastText, b.clock.instant().getEpochSecond(), b.chunkDelay, control)
                : null;
        this.server = LoopbackServer.start(b.port, this::routing);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fake on a random port accepting the given keys. */
    public static FakeOpenAi start(String... apiKeys) {
        return builder().apiKeys(apiKeys).start();
    }

    // ---- addresses ---------------------------------------------------------------------------

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT/v1} */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    // ---- scripting ---------------------------------------------------------------------------

    /** Queues replies for the next chat completion and Responses requests (one each, in order). */
    @Override
    public FakeOpenAi enqueue(Reply... replies) {
        for (Reply r : replies) {
            script.add(Objects.requireNonNull(r, "reply"));
        }
        return this;
    }

    /** Scripted replies not yet consumed. */
    public int pendingReplies() {
        return script.size();
    }

    /** Lets one more event of a {@link Reply#gated()} stream go out. */
    public void releaseNextChunk() {
        control.release(1);
    }

    @Override
    public void releaseChunks(int n) {
        control.release(n);
    }

    /** Forgets scripts, stored responses, recorded requests, counters and unused gate permits. */
    public void reset() {
        script.clear();
        responses.clear();
        log.clear();
        control.reset();
    }

    // ---- observation -------------------------------------------------------------------------

    /** All recorded requests, oldest first (empty if recording is off). */
    @Override
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** The most recent recorded request, or {@code null}. */
    @Override
    public RecordedRequest lastRequest() {
        return log.last();
    }

    /** Requests received on any path, including rejected ones. */
    public long requestCount() {
        return log.count();
    }

    /** SSE events written and flushed so far (all streams). */
    public long eventsSent() {
        return control.eventsSent();
    }

    /** Streams that ended because a write failed: the client (or gateway) went away. */
    public long cancelledStreams() {
        return control.cancelledStreams();
    }

    /** Streams that were written to the end (including scripted mid-stream errors). */
    public long completedStreams() {
        return control.completedStreams();
    }

    /** Waits until {@link #cancelledStreams()} reaches {@code atLeast}; false on timeout. */
    @Override
    public boolean awaitCancelledStreams(long atLeast, Duration timeout) {
        return control.await(control::cancelledStreams, atLeast, timeout);
    }

    /** Waits until {@link #completedStreams()} reaches {@code atLeast}; false on timeout. */
    public boolean awaitCompletedStreams(long atLeast, Duration timeout) {
        return control.await(control::completedStreams, atLeast, timeout);
    }

    /** Waits until {@link #eventsSent()} reaches {@code atLeast}; false on timeout. */
    public boolean awaitEventsSent(long atLeast, Duration timeout) {
        return control.await(control::eventsSent, atLeast, timeout);
    }

    @Override
    public void close() {
        control.close();
        server.stop();
    }

    // ---- HTTP --------------------------------------------------------------------------------

    private void routing(HttpRouting.Builder r) {
        r.post("/v1/chat/completions", this::chatCompletions)
                .post("/v1/responses", (req, res) -> {
                    if (fast(req)) {
                        RecordedRequest rec = log.record(req, false);
                        if (authorized(req, res)) {
                            fast.handleResponses(rec.body(), res);
                        }
                        return;
                    }
                    RecordedRequest rec = log.record(req, true);
                    if (authorized(req, res)) {
                        responses.create(rec, bearer(req), res);
                    }
                })
                .post("/v1/responses/input_tokens", (req, res) -> {
                    RecordedRequest rec = log.record(req, true);
                    if (authorized(req, res)) {
                        inputTokens.handle(rec, res);
                    }
                })
                .get("/v1/responses/{id}", (req, res) -> {
                    log.record(req, false);
                    if (authorized(req, res)) {
                        responses.retrieve(req.path().pathParameters().get("id"), bearer(req), res);
                    }
                })
                .get("/v1/responses/{id}/input_items", (req, res) -> {
                    log.record(req, false);
                    if (authorized(req, res)) {
                        responses.inputItems(req.path().pathParameters().get("id"), bearer(req), res);
                    }
                })
                .delete("/v1/responses/{id}", (req, res) -> {
                    log.record(req, false);
                    if (authorized(req, res)) {
                        responses.delete(req.path().pathParameters().get("id"), bearer(req), res);
                    }
                })
                .post("/v1/embeddings", (req, res) -> {
                    RecordedRequest rec = log.record(req, true);
                    if (authorized(req, res)) {
                        embeddings.handle(rec, res);
                    }
                })
                .get("/v1/models", (req, res) -> {
                    log.record(req, false);
                    if (authorized(req, res)) {
                        OpenAiResponses.json(res, 200, OpenAiWire.bytes(OpenAiWire.modelList(models, modelsCreated)),
                                Map.of());
                    }
                })
                .get("/v1/models/{id}", (req, res) -> {
                    log.record(req, false);
                    String id = req.path().pathParameters().get("id");
                    if (!authorized(req, res)) {
                        return;
                    }
                    if (models.contains(id)) {
                        OpenAiResponses.json(res, 200, OpenAiWire.bytes(OpenAiWire.model(id, modelsCreated)), Map.of());
                    } else {
                        OpenAiResponses.error(res, 404, ErrorWording.modelNotFound(id), "invalid_request_error",
                                "model", "model_not_found");
                    }
                })
                .any((req, res) -> {
                    log.record(req, false);
                    OpenAiResponses.error(res, 404, OpenAiErrors.invalidUrl(req.prologue().method().text(),
                            req.path().path()), "invalid_request_error", null, null);
                });
    }

    private void chatCompletions(ServerRequest req, ServerResponse res) {
        if (fast(req)) {
            RecordedRequest rec = log.record(req, false);
            if (authorized(req, res)) {
                fast.handleChat(rec.body(), res);
            }
            return;
        }
        RecordedRequest rec = log.record(req, true);
        if (authorized(req, res)) {
            chatByKey.getOrDefault(bearer(req), chat).handle(rec, res);
        }
    }

    /** The canned answer, unless a script or the key's own reply ({@link Builder#replyFor}) says otherwise. */
    private boolean fast(ServerRequest req) {
        return fast != null && script.isEmpty() && (chatByKey.isEmpty() || !chatByKey.containsKey(bearer(req)));
    }

    private static String bearer(ServerRequest req) {
        String value = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : "";
    }

    /** Checks {@code Authorization: Bearer <key>}; on failure sends OpenAI's 401 and returns false. */
    private boolean authorized(ServerRequest req, ServerResponse res) {
        String key = bearer(req);
        if (apiKeys.contains(key)) {
            return true;
        }
        if (key.isEmpty()) {
            OpenAiResponses.error(res, 401, OpenAiErrors.MISSING_KEY, "invalid_request_error", null, null);
        } else {
            OpenAiResponses.error(res, 401, echoRejectedKeys ? OpenAiErrors.incorrectKeyEchoed(key) : OpenAiErrors.incorrectKey(key),
                    "invalid_request_error", null, "invalid_api_key");
        }
        return false;
    }

    // ---- builder -----------------------------------------------------------------------------

    /** Configures a {@link FakeOpenAi}; {@link #start()} binds it. */
    public static final class Builder {

        private final Set<String> apiKeys = new LinkedHashSet<>();
        private final Map<String, Reply> repliesByKey = new java.util.HashMap<>();
        private final List<String> models = new ArrayList<>(List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1",
                "gpt-4.1-mini", "o3-mini", "text-embedding-3-small", "text-embedding-3-large"));
        private int port;
        private boolean rejectUnknownModels;
        private boolean echoRejectedKeys;
        private boolean recordRequests = true;
        private Duration chunkDelay = Duration.ZERO;
        private boolean fastPath;
        private String fastModel = FAST_MODEL;
        private String fastText = FAST_TEXT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds accepted keys ({@code Authorization: Bearer <key>}); at least one is required. */
        public Builder apiKeys(String... keys) {
            Arrays.stream(keys).map(k -> Objects.requireNonNull(k, "key")).forEach(apiKeys::add);
            return this;
        }

        public Builder apiKey(String key) {
            return apiKeys(key);
        }

        /**
         * An accepted key whose every chat and Responses request gets {@code reply} (e.g. a key out of quota beside
         * a working one, for key pools); scripts and the default reply serve the other keys.
         */
        public Builder replyFor(String key, Reply reply) {
            apiKeys(key);
            repliesByKey.put(key, Objects.requireNonNull(reply, "reply"));
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The models {@code GET /v1/models} lists (replaces the defaults). */
        public Builder models(String... ids) {
            models.clear();
            models.addAll(List.of(ids));
            return this;
        }

        /** Chat and embeddings answer 404 model_not_found for models not in {@link #models}. */
        /**
         * A rejected key is quoted whole in the 401's message, as some OpenAI-compatible servers do
         * (OpenAI itself shows only its start and end).
         */
        public Builder echoRejectedKeys() {
            this.echoRejectedKeys = true;
            return this;
        }

        public Builder rejectUnknownModels(boolean reject) {
            this.rejectUnknownModels = reject;
            return this;
        }

        /** Keep every request for {@link #requests()} (default true; turn off for long benchmarks). */
        public Builder recordRequests(boolean record) {
            this.recordRequests = record;
            return this;
        }

        /** Delay between stream events of unscripted replies (default none). */
        public Builder chunkDelay(Duration delay) {
            this.chunkDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Benchmark mode: unscripted chat and Responses replies are one canned answer serialised once
         * (fixed id, created, model and text; a Response echoes OpenAI's defaults, is not stored),
         * the request not parsed, only scanned for {@code "stream":true} and
         * {@code "include_usage":true}. Scripts still apply.
         */
        public Builder fastPath(boolean fast) {
            this.fastPath = fast;
            return this;
        }

        public Builder fastReply(String model, String text) {
            this.fastModel = Objects.requireNonNull(model, "model");
            this.fastText = Objects.requireNonNull(text, "text");
            return this;
        }

        /** The clock for {@code created} (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FakeOpenAi start() {
            if (apiKeys.isEmpty()) {
                throw new IllegalStateException("a FakeOpenAi needs at least one accepted API key");
            }
            return new FakeOpenAi(this);
        }
    }
}
