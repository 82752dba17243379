package io.keyroute.server.cache.semantic;

import io.keyroute.api.ChatRequest;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.cache.CacheTargets;
import io.keyroute.server.cache.SimilarAnswers;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.SemanticCacheSettings;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache: a request whose prompt is close enough to one answered before, in the same scope, target
 * and context, is answered with that answer. It applies only where both {@code cache.semantic.enabled} and the
 * route's {@code cache.semantic} say so (a model named directly is never looked up), and only to the prompts
 * {@link SemanticPrompt#of} accepts. The config is read per request, so a reload applies at once; the index is
 * the one opened at start.
 */
public final class SemanticCache implements SimilarAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(SemanticCache.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Supplier<KeyrouteConfig> configs;
    private final VectorIndex index;
    private final Embedder embedder;
    private final AtomicLong warnedAt = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public SemanticCache(Supplier<KeyrouteConfig> configs, VectorIndex index, Embedder embedder) {
        this.configs = configs;
        this.index = index;
        this.embedder = embedder;
    }

    @Override
    public Probe probe(CacheScope scope, String target, ChatRequest chat, Caller caller) {
        KeyrouteConfig config = configs.get();
        SemanticCacheSettings settings = config.cache().semantic();
        if (!settings.enabled() || chat == null || !optedIn(config, target)) {
            return Probe.NONE;
        }
        return SemanticPrompt.of(chat, settings)
                .<Probe>map(prompt -> new SemanticProbe(this, settings, caller, prompt.text(),
                        prompt.partition(scope, target)))
                .orElse(Probe.NONE);
    }

    /**
     * Whether {@code target} is a route whose {@code cache.semantic} is true. A route's target is its name and a
     * hex tag of its candidates ({@code faq#1a2b...}, {@link io.keyroute.server.cache.CacheTargets}); a model's has
     * no route, so is never looked up.
     */
    private static boolean optedIn(KeyrouteConfig config, String target) {
        int tag = target.lastIndexOf('#');
        KeyrouteConfig.RouteSettings route = CacheTargets.route(config.routes(),
                tag < 0 ? target : target.substring(0, tag));
        return route != null && Boolean.TRUE.equals(route.cache().semantic());
    }

    VectorIndex index() {
        return index;
    }

    Embedder embedder() {
        return embedder;
    }

    /** The index failed (Redis or PostgreSQL unreachable): no semantic look-up; said at most once a minute. */
    void indexFailed(RuntimeException e) {
        long now = System.nanoTime();
        long last = warnedAt.get();
        if (now - last >= WARN_EVERY_NANOS && warnedAt.compareAndSet(last, now)) {
            LOG.warn("The semantic cache's {} index failed ({}); requests go on without semantic look-ups",
                    index.describe(), e.getClass().getSimpleName());
        }
    }
}
