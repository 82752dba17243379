package io.keyroute.routing.complexity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Scores a request from what it is, not what it says about itself: prompt size, turns, code,
 * math, words that ask for multi-step reasoning, tools, images and the output asked for. Each
 * feature adds points; the total picks the level. Pure and deterministic; cues are read from the
 * start and the end of the last user message only, so the cost does not grow with the prompt.
 */
public final class ComplexityClassifier {
    /**
     * Cues are looked for in this much of the start and of the end of the last user message: where
     * the question is, before or after a pasted document, whose own words are not the caller's
     * request. Scanning a 32 KB message whole took ~230 µs (JMH {@code classifyLongPrompt}).
     */
    static final int CUE_SCAN_CHARS = 2 * 1024;

    private static final List<String> MATH_CUES = List.of("\\frac", "\\int", "\\sum", "$$", "∫", "√", "theorem",
            "prove ", "proof", "equation", "integral", "derivative", "matrix", "probability", "eigen");
    private static final List<String> REASONING_CUES = List.of("step by step", "step-by-step", "explain why",
            "analy", "compare", "trade-off", "tradeoff", "pros and cons", "design", "architect", "optimi",
            "debug", "refactor", "evaluate", "reason about", "plan ", "first,", "then ", "finally");

    public Classification classify(ChatShape shape) {
        int chars = shape.toolDefinitionChars();
        int fences = 0;
        for (String text : shape.texts()) {
            chars += text.length();
            fences += count(text, "```");
        }
        List<String> cueTexts = cueTexts(shape.lastUserText());
        var features = new RequestFeatures(
                (chars + 3) / 4,
                shape.turns(),
                (fences + 1) / 2,
                countAll(cueTexts, MATH_CUES),
                countAll(cueTexts, REASONING_CUES),
                shape.tools(),
                shape.images(),
                shape.maxOutputTokens().orElse(0));
        return score(features);
    }

    /** The points table; package-private so tests can check levels from features directly. */
    static Classification score(RequestFeatures f) {
        // Phrases are built only for features that score: this runs on every request.
        List<Scored> scored = new ArrayList<>();
        add(scored, steps(f.promptTokens(), 300, 1_500, 6_000, 24_000), "~", f.promptTokens(), " prompt tokens");
        add(scored, steps(f.turns(), 4, 10), "", f.turns(), " turns");
        add(scored, steps(f.codeBlocks(), 1, 3), "", f.codeBlocks(), " code blocks");
        add(scored, steps(f.mathSignals(), 1, 3), "", f.mathSignals(), " math signals");
        add(scored, steps(f.reasoningCues(), 1, 3, 6), "", f.reasoningCues(), " multi-step cues");
        add(scored, steps(f.tools(), 1, 5), "", f.tools(), " tools");
        add(scored, steps(f.images(), 1, 4), "", f.images(), " images");
        add(scored, steps(f.requestedOutputTokens(), 1_000, 4_000, 16_000), "", f.requestedOutputTokens(),
                " output tokens asked");
        // Most requests score nothing: no stream pipelines for them (they showed in the request's profile).
        int total = 0;
        for (Scored s : scored) {
            total += s.points();
        }
        Complexity level = total >= 8 ? Complexity.ADVANCED
                : total >= 5 ? Complexity.COMPLEX
                : total >= 2 ? Complexity.MODERATE
                : Complexity.SIMPLE;
        List<String> deciding = scored.isEmpty() ? List.of() : scored.stream()
                .sorted(Comparator.comparingInt(Scored::points).reversed())
                .map(Scored::phrase)
                .toList();
        return new Classification(level, total, f, deciding);
    }

    /** How many of {@code thresholds} (ascending) {@code value} reaches. */
    private static int steps(int value, int... thresholds) {
        int points = 0;
        for (int t : thresholds) {
            if (value >= t) {
                points++;
            }
        }
        return points;
    }

    private static void add(List<Scored> scored, int points, String prefix, int value, String unit) {
        if (points > 0) {
            scored.add(new Scored(points, prefix + value + unit));
        }
    }

    /** The message lower-cased, or its start and its end when it is longer than both. */
    private static List<String> cueTexts(String text) {
        if (text.length() <= 2 * CUE_SCAN_CHARS) {
            return List.of(text.toLowerCase(Locale.ROOT));
        }
        return List.of(text.substring(0, CUE_SCAN_CHARS).toLowerCase(Locale.ROOT),
                text.substring(text.length() - CUE_SCAN_CHARS).toLowerCase(Locale.ROOT));
    }

    private static int countAll(List<String> texts, List<String> needles) {
        int n = 0;
        for (String text : texts) {
            for (String needle : needles) {
                n += count(text, needle);
            }
        }
        return n;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private record Scored(int points, String phrase) {
    }
}
