package io.keyroute.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.cache.SimilarAnswers;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The threshold on the labelled set (src/test/resources/semantic/labelled-prompts.tsv): each pair's first prompt
 * is answered and remembered in a workspace of its own, then its second prompt is looked up there. Embedded by
 * testkit's fake OpenAI, whose vectors stand in for a real model's ({@code TextVectors}): this shows the
 * mechanism (canonical prompt, embedding, cosine nearest neighbour, min_similarity), not a real model's quality.
 * The set was labelled for precision and recall 1.000 at 0.90 (no look-alike matches, every paraphrase does).
 */
class SemanticThresholdTest {
    private static final String KEY = "sk-test-threshold";
    private static final double MIN_SIMILARITY = 0.9;
    private static final Caller CALLER = Caller.unrestricted("k", "u");
    private static FakeOpenAi fake;

    record Pair(boolean match, String first, String second) {
    }

    @BeforeAll
    static void start() {
        fake = FakeOpenAi.builder().apiKey(KEY).models("text-embedding-3-small").start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static KeyrouteConfig config(double minSimilarity) {
        return new ConfigLoader(Map.of()).load("""
                cache:
                  semantic: { enabled: true, embedding_model: openai/text-embedding-3-small, min_similarity: %s, dimensions: 256 }
                routes:
                  - { name: faq, candidates: [openai/gpt-4o-mini], cache: { semantic: true } }
                """.formatted(minSimilarity), "keyroute.yaml");
    }

    @Test
    void theLabelledSetMatchesAsLabelledAtTheConfiguredThreshold() throws IOException {
        List<Pair> pairs = labelled();
        assertThat(pairs.stream().filter(Pair::match)).hasSizeGreaterThanOrEqualTo(40);
        assertThat(pairs.stream().filter(p -> !p.match())).hasSizeGreaterThanOrEqualTo(40);
        KeyrouteConfig config = config(MIN_SIMILARITY);
        var embedder = new FakeModelEmbedder(fake.baseUrl(), KEY);
        var cache = new SemanticCache(() -> config, new MemoryIndex(VectorIndexes.MEMORY_FLOATS, Clock.systemUTC()),
                embedder);
        double lowestMatch = 1;
        double highestDistinct = -1;
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            var scope = new CacheScope("ws-" + i, null);
            cache.probe(scope, "faq", Chats.user(pair.first()), CALLER).remember("answer-" + i);
            Optional<SimilarAnswers.SimilarAnswer> found = cache.probe(scope, "faq", Chats.user(pair.second()), CALLER)
                    .nearest();
            boolean hit = found.isPresent();
            double similarity = Vectors.cosine(unit(embedder, pair.first()), unit(embedder, pair.second()));
            if (pair.match()) {
                lowestMatch = Math.min(lowestMatch, similarity);
            } else {
                highestDistinct = Math.max(highestDistinct, similarity);
            }
            if (hit) {
                assertThat(found.get().answerKey()).isEqualTo("answer-" + i);
            }
            if (hit && pair.match()) {
                truePositives++;
            } else if (hit) {
                falsePositives++;
                wrong.add("matched, labelled distinct: " + pair + " at " + found.get().similarity());
            } else if (pair.match()) {
                falseNegatives++;
                wrong.add("missed, labelled match: " + pair);
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        System.out.printf("semantic threshold %.2f on %d pairs: precision %.3f, recall %.3f%n", MIN_SIMILARITY,
                pairs.size(), precision, recall);
        System.out.printf("lowest similarity of a match %.3f, highest of a look-alike %.3f%n", lowestMatch,
                highestDistinct);
        wrong.forEach(System.out::println);
        assertThat(precision).isEqualTo(1.0);
        assertThat(recall).isEqualTo(1.0);
    }

    private static float[] unit(Embedder embedder, String text) {
        return Vectors.unit(embedder.embed(CALLER, "openai/text-embedding-3-small", SemanticPrompt.canonical(text), 256)
                .orElseThrow());
    }

    static List<Pair> labelled() throws IOException {
        try (InputStream in = SemanticThresholdTest.class.getResourceAsStream("/semantic/labelled-prompts.tsv")) {
            List<Pair> pairs = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                pairs.add(new Pair("match".equals(columns[0]), columns[1], columns[2]));
            }
            return pairs;
        }
    }
}
