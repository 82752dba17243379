package io.keyroute.server.inference;

import io.keyroute.api.ChatRequest;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.AnswerKeys;
import io.keyroute.server.cache.AnswerStore;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.cache.CacheTargets;
import io.keyroute.server.cache.Cacheability;
import io.keyroute.server.cache.CachedAnswer;
import io.keyroute.server.cache.SimilarAnswers;
import io.keyroute.server.config.CacheSettings;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.usage.CacheUse;
import io.keyroute.usage.RequestRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * The answer cache, after the policies (a request they or the guardrails refuse never reaches it) and before the
 * limits: a hit takes no rate-limit token and reserves no budget (it costs nothing) and calls no provider. A hit
 * replays the stored answer in the caller's format (the JSON body, or the stream's events as fast as the caller
 * reads them); a miss proceeds with the caller's side wrapped in an {@link AnswerRecorder}, and the answer the
 * caller received is stored once it is whole. On an exact miss the semantic cache ({@link SimilarAnswers}) is
 * asked for a stored answer close enough. With no cache enabled it only proceeds.
 */
public final class ServeFromCache implements Step {
    private final AnswerStore answers;
    private final SimilarAnswers similar;
    private final JsonDelivery json;
    private final StreamRelay relay;

    /** @param answers the exact cache's store, which the semantic cache's hits are read from too */
    public ServeFromCache(AnswerStore answers, SimilarAnswers similar, JsonDelivery json, StreamRelay relay) {
        this.answers = answers;
        this.similar = similar;
        this.json = json;
        this.relay = relay;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        CacheSettings settings = exchange.runtime().config().cache();
        if (!settings.enabled()) {
            return exchange.proceed();
        }
        ExactCacheSettings exact = settings.exact();
        RouteSettings route = CacheTargets.route(exchange.runtime().config().routes(), exchange.decision().route());
        ChatRequest chat = exchange.chat();
        if (chat == null || Cacheability.declined(exchange.side().headers())
                || !Cacheability.cacheable(chat, nondeterministic(exact, route))) {
            exchange.books().cache(CacheUse.BYPASS);
            return exchange.proceed();
        }
        Caller caller = exchange.caller();
        var scope = new CacheScope(caller.workspaceId(), exact.perUser() ? caller.userId() : null);
        String target = CacheTargets.of(exchange.decision(), route);
        String key = AnswerKeys.of(scope, target, chat.format(), chat.stream(), chat.clientWantsUsage(), chat.body());
        if (exact.enabled()) {
            CachedAnswer stored = stored(key, chat);
            if (stored != null) {
                return replay(exchange, stored, null);
            }
        }
        SimilarAnswers.Probe probe = settings.semantic().enabled() ? similar.probe(scope, target, chat, caller)
                : SimilarAnswers.Probe.NONE;
        Optional<SimilarAnswers.SimilarAnswer> near = probe.nearest();
        if (near.isPresent()) {
            CachedAnswer stored = stored(near.get().answerKey(), chat);
            if (stored != null) {
                return replay(exchange, stored, near.get().similarity());
            }
        }
        exchange.books().cache(CacheUse.MISS);
        var recorder = new AnswerRecorder(exchange.side(), exact.maxAnswerBytes());
        exchange.answerThrough(recorder);
        Outcome outcome = exchange.proceed();
        RequestRecord record = exchange.books().record();
        if (outcome != null && "ok".equals(outcome.result()) && record != null && record.provider() != null) {
            CachedAnswer answer = recorder.answer(chat.format(), record.provider(), record.model(),
                    record.costMicros() == null ? 0 : record.costMicros());
            if (answer != null) {
                answers.put(key, answer, Duration.ofSeconds(ttl(exact, route)));
                probe.remember(key);
            }
        }
        return outcome;
    }

    /** The answer stored under {@code key} if it answers {@code chat} as asked (its API, streamed or not), else null. */
    private CachedAnswer stored(String key, ChatRequest chat) {
        CachedAnswer stored = answers.get(key).orElse(null);
        return stored != null && stored.answers(chat.format(), chat.stream()) ? stored : null;
    }

    /** The hit's record first (at no cost, with what it saved), then the stored answer as the caller asked for it. */
    private Outcome replay(InferenceExchange<?> exchange, CachedAnswer answer, Double similarity) {
        exchange.books().servedFromCache(answer, CacheUse.hit(answer.costMicros(), similarity));
        long firstByte;
        if (answer.streamed()) {
            firstByte = relay.replay(exchange.side(), answer.events());
        } else {
            firstByte = System.nanoTime();
            json.replay(exchange.side(), answer.body());
        }
        return new Outcome(null, 200, null, firstByte, "ok");
    }

    private static boolean nondeterministic(ExactCacheSettings exact, RouteSettings route) {
        return route != null && route.cache().nondeterministic() != null ? route.cache().nondeterministic()
                : exact.nondeterministic();
    }

    private static long ttl(ExactCacheSettings exact, RouteSettings route) {
        return route != null && route.cache().ttlS() != null ? route.cache().ttlS() : exact.ttlS();
    }
}
