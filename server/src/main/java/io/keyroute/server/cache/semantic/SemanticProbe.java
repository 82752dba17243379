package io.keyroute.server.cache.semantic;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.SimilarAnswers;
import io.keyroute.server.config.SemanticCacheSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * One request's semantic look-up: its prompt embedded once, when first needed (the look-up on an exact miss, or
 * remembering the answer stored), then looked for and kept in its partition. Any failure is no look-up.
 */
final class SemanticProbe implements SimilarAnswers.Probe {
    private final SemanticCache cache;
    private final SemanticCacheSettings settings;
    private final Caller caller;
    private final String text;
    private final String partition;
    private boolean embedded;
    private float[] unit;

    SemanticProbe(SemanticCache cache, SemanticCacheSettings settings, Caller caller, String text, String partition) {
        this.cache = cache;
        this.settings = settings;
        this.caller = caller;
        this.text = text;
        this.partition = partition;
    }

    @Override
    public Optional<SimilarAnswers.SimilarAnswer> nearest() {
        float[] v = unit();
        if (v == null) {
            return Optional.empty();
        }
        try {
            return cache.index().nearest(partition, v, settings.minSimilarity());
        } catch (RuntimeException e) {
            cache.indexFailed(e);
            return Optional.empty();
        }
    }

    @Override
    public void remember(String answerKey) {
        float[] v = unit();
        if (v == null) {
            return;
        }
        try {
            cache.index().add(partition, v, answerKey, Duration.ofSeconds(settings.ttlS()), settings.maxEntries());
        } catch (RuntimeException e) {
            cache.indexFailed(e);
        }
    }

    private float[] unit() {
        if (!embedded) {
            embedded = true;
            unit = cache.embedder().embed(caller, settings.embeddingModel(), text, settings.dimensions())
                    .map(Vectors::unit).orElse(null);
        }
        return unit;
    }
}
