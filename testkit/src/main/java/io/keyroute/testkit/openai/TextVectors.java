package io.keyroute.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's embeddings model: a deterministic stand-in for a real one, not a model of meaning. A text becomes a
 * bag of weighted features hashed into the asked dimensions with a sign (feature hashing), then scaled to length
 * 1, so texts sharing most of their words are close and cosine similarity behaves as a real model's does on easy
 * cases: word order, case, punctuation, contractions and plural endings change little; another name, number or a
 * negation changes much. Features: each word's crude stem (weight 1; function words 0.25; capitalised words not
 * at the start and numbers 1.5, negations 2.5, as they carry the question; acronyms are not stemmed) and the stem's character trigrams (0.5 in
 * all per word, for spelling variants). Tests of the semantic cache's threshold with it show the mechanism, never
 * a real model's quality.
 */
final class TextVectors {
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{Mn}]*|\\p{N}+(?:[.,]\\p{N}+)*");
    private static final Set<String> FUNCTION = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "been",
            "am", "do", "does", "did", "i", "you", "we", "me", "my", "your", "our", "it", "its", "this", "that", "to",
            "of", "in", "on", "for", "at", "by", "with", "into", "from", "and", "or", "what", "which", "how", "can",
            "could", "would", "should", "will", "please", "tell", "give", "some", "any", "there", "s", "about", "have",
            "has", "as", "so", "if", "then", "just", "really", "kindly");
    private static final Set<String> NEGATION = Set.of("not", "no", "never", "without", "nor");
    private static final double FUNCTION_WEIGHT = 0.25;
    private static final double STRONG_WEIGHT = 1.5;
    private static final double NEGATION_WEIGHT = 2.5;
    private static final double TRIGRAMS_WEIGHT = 0.5;

    private TextVectors() {
    }

    /** The unit vector of {@code text} in {@code dimensions}; a text with no words gets one of its own bytes. */
    static float[] of(String text, int dimensions) {
        double[] v = new double[dimensions];
        String spelled = text.replace('’', '\'').replaceAll("(?i)n't\\b", " not").replaceAll("'(s|re|ve|ll|d|m)\\b",
                " ");
        Matcher words = WORD.matcher(spelled);
        boolean first = true;
        while (words.find()) {
            String word = words.group();
            String lower = word.toLowerCase(Locale.ROOT);
            boolean capitalised = !first && Character.isUpperCase(word.charAt(0));
            first = false;
            if (FUNCTION.contains(lower)) {
                add(v, "w:" + lower, FUNCTION_WEIGHT);
                continue;
            }
            boolean strong = capitalised || Character.isDigit(lower.charAt(0));
            String stem = word.equals(word.toUpperCase(Locale.ROOT)) ? lower : stem(lower); // HTTPS is not HTTP
            add(v, "w:" + stem, NEGATION.contains(lower) ? NEGATION_WEIGHT : strong ? STRONG_WEIGHT : 1);
            List<String> trigrams = trigrams(stem);
            for (String trigram : trigrams) {
                add(v, "t:" + trigram, TRIGRAMS_WEIGHT / Math.sqrt(trigrams.size()));
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return EmbeddingsHandler.vector(text, dimensions);
        }
        float[] out = new float[dimensions];
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            out[i] = (float) (v[i] * scale);
        }
        return out;
    }

    /** Plural, past and adverb endings off, and the British -ise spelled -ize; words of 4 letters or fewer kept. */
    static String stem(String word) {
        if (word.length() <= 4) {
            return word;
        }
        for (String[] rule : new String[][] {{"ies", "y"}, {"ise", "ize"}, {"ising", "ize"}, {"ised", "ize"},
                {"ing", ""}, {"ed", ""}, {"es", ""}, {"ly", ""}, {"s", ""}}) {
            if (word.endsWith(rule[0]) && word.length() - rule[0].length() >= 3) {
                return word.substring(0, word.length() - rule[0].length()) + rule[1];
            }
        }
        return word;
    }

    private static List<String> trigrams(String stem) {
        String padded = "^" + stem + "$";
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            out.add(padded.substring(i, i + 3));
        }
        return out;
    }

    /** Feature hashing: FNV-1a of the feature picks a dimension and, by its top bit, a sign. */
    private static void add(double[] v, String feature, double weight) {
        long h = 0xcbf29ce484222325L;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        v[(int) Long.remainderUnsigned(h, v.length)] += h < 0 ? -weight : weight;
    }
}
