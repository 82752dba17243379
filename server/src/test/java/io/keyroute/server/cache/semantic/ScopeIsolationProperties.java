package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.cache.SimilarAnswers;
import io.keyroute.server.config.KeyrouteConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A semantic hit never crosses workspaces (nor users, when the scope is per user, nor targets), even when every
 * prompt embeds to the very same vector: generated tenants each remember an answer, then each looks up, and every
 * answer found is one its own scope and target stored.
 */
class ScopeIsolationProperties {
    private static final KeyrouteConfig CONFIG = new io.keyroute.server.config.ConfigLoader(java.util.Map.of()).load("""
            cache:
              semantic: { enabled: true, embedding_model: openai/text-embedding-3-small, min_similarity: 0.5 }
            routes:
              - { name: faq, candidates: [openai/gpt-4o-mini], cache: { semantic: true } }
              - { name: help, candidates: [openai/gpt-4o-mini], cache: { semantic: true } }
            """, "keyroute.yaml");
    /** Every text the same direction: only the partition can keep answers apart. */
    private static final Embedder SAME_VECTOR = (caller, model, text, dimensions) -> Optional.of(new float[] {1, 0, 0});

    record Tenant(String workspace, String user, String target, String prompt) {
        CacheScope scope() {
            return new CacheScope(workspace, user);
        }

        String answerKey() {
            return workspace + "|" + user + "|" + target + "|" + prompt;
        }
    }

    @Property(tries = 200)
    void aHitIsAlwaysOneOfTheSameScopeAndTarget(@ForAll("tenants") List<Tenant> tenants) {
        var cache = new SemanticCache(() -> CONFIG, new MemoryIndex(VectorIndexes.MEMORY_FLOATS, Clock.systemUTC()),
                SAME_VECTOR);
        Caller caller = Caller.unrestricted("k", "u");
        for (Tenant t : tenants) {
            cache.probe(t.scope(), t.target(), Chats.user(t.prompt()), caller).remember(t.answerKey());
        }
        for (Tenant t : tenants) {
            Optional<SimilarAnswers.SimilarAnswer> found = cache.probe(t.scope(), t.target(), Chats.user(t.prompt()),
                    caller).nearest();
            assertThat(found).isPresent(); // its own answer at least
            Tenant owner = tenants.stream().filter(o -> o.answerKey().equals(found.get().answerKey())).findFirst()
                    .orElseThrow();
            assertThat(owner.scope()).isEqualTo(t.scope());
            assertThat(owner.target()).isEqualTo(t.target());
        }
    }

    @Provide
    Arbitrary<List<Tenant>> tenants() {
        Arbitrary<String> workspaces = Arbitraries.of("ws_a", "ws_b", "ws_c", "ab", "a", "b");
        Arbitrary<String> users = Arbitraries.of("u1", "u2", "b").injectNull(0.5);
        Arbitrary<String> targets = Arbitraries.of("faq", "help");
        Arbitrary<String> prompts = Arbitraries.of("What is the capital of France?", "How do I reset my password?");
        return Combinators.combine(workspaces.injectNull(0.1), users, targets, prompts).as(Tenant::new)
                .list().ofMinSize(1).ofMaxSize(12);
    }
}
