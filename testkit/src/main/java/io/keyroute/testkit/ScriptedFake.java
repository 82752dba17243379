package io.keyroute.testkit;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.sse.StreamControl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Anthropic and Gemini fakes share: a Helidon server on a random loopback port with
 * TCP_NODELAY, the API keys it accepts, a script of {@link Reply}s consumed one per call, the
 * recorded requests and stream control. A subclass only knows its provider's wire format.
 *
 * @param <F> the concrete fake, so {@link #enqueue} chains
 */
public abstract class ScriptedFake<F extends ScriptedFake<F>> implements FakeUpstream {
    protected final Set<String> apiKeys;
    protected final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    protected final StreamControl control = new StreamControl();
    protected final RequestLog log = new RequestLog(true);
    protected final AtomicLong sequence = new AtomicLong();
    private final WebServer server;

    protected ScriptedFake(String name, Set<String> apiKeys) {
        if (apiKeys.isEmpty()) {
            throw new IllegalArgumentException("a " + name + " needs at least one accepted API key");
        }
        this.apiKeys = Set.copyOf(apiKeys);
        // routing() only registers handlers here; they run once requests arrive, after construction.
        this.server = LoopbackServer.start(0, this::routing);
    }

    protected abstract void routing(HttpRouting.Builder routing);

    /** {@code http://127.0.0.1:PORT}, the API root as the provider's SDKs take it. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @SuppressWarnings("unchecked")
    @Override
    public F enqueue(Reply... replies) {
        for (Reply r : replies) {
            script.add(Objects.requireNonNull(r, "reply"));
        }
        return (F) this;
    }

    /**
     * The next scripted reply when it is an error, taken from the script, for a call that answers
     * nothing else scripted (a token count); a text or tool reply stays for the chat it was meant for.
     */
    protected Reply nextScriptedError() {
        return nextError(script);
    }

    /** {@link #nextScriptedError} of any fake's script. */
    public static Reply nextError(Queue<Reply> script) {
        Reply next = script.peek();
        return next != null && next.kind() == Reply.Kind.ERROR && script.remove(next) ? next : null;
    }

    @Override
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    @Override
    public RecordedRequest lastRequest() {
        return log.last();
    }

    public long cancelledStreams() {
        return control.cancelledStreams();
    }

    /** Lets one more event of a {@link Reply#gated()} stream go out. */
    public void releaseNextChunk() {
        control.release(1);
    }

    @Override
    public void releaseChunks(int n) {
        control.release(n);
    }

    /** Waits until the upstream noticed {@code atLeast} streams cancelled by their client. */
    @Override
    public boolean awaitCancelledStreams(long atLeast, Duration timeout) {
        return control.await(control::cancelledStreams, atLeast, timeout);
    }

    @Override
    public void close() {
        control.close();
        server.stop();
    }
}
