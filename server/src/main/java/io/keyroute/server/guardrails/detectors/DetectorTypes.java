package io.keyroute.server.guardrails.detectors;

import io.keyroute.api.KnownSecrets;
import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.denylist.AllowedTopics;
import io.keyroute.guardrails.denylist.DenyListDetector;
import io.keyroute.guardrails.injection.InjectionClassifier;
import io.keyroute.guardrails.injection.InjectionDetector;
import io.keyroute.guardrails.secrets.SecretTypes;
import io.keyroute.guardrails.secrets.SecretsDetector;
import io.keyroute.server.guardrails.onnx.OnnxModels;
import io.keyroute.server.guardrails.onnx.OnnxTextClassifier;
import io.keyroute.server.guardrails.remote.HttpChecker;
import io.keyroute.server.guardrails.remote.PresidioAnalyzer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The detectors of the {@code secrets}, {@code prompt_injection}, {@code deny_list}, {@code http}
 * and {@code presidio} guardrail types, made from a step's name, {@code entities}, {@code on} and
 * {@code options} (docs/CONFIGURATION.md says what each option does). Each throws an
 * IllegalArgumentException naming the field when the settings are not its type's: the config is
 * then refused.
 */
public final class DetectorTypes {
    /** What of a streamed answer a remote checker is sent again with each piece, unless configured. */
    static final int DEFAULT_REMOTE_WINDOW = 1000;
    static final double DEFAULT_MIN_INJECTION_SCORE = 0.5;
    static final double DEFAULT_CLASSIFIER_THRESHOLD = 0.5;
    /** About 500 tokens of English: what text classifiers are commonly trained on. */
    static final int DEFAULT_CLASSIFIER_WINDOW = 2000;

    private DetectorTypes() {
    }

    /** Every secret type unless {@code entities} names some; no options. */
    public static Detector secrets(String name, List<String> entities, Map<String, Object> options) {
        new Options(name, options, Set.of());
        var unknown = new ArrayList<>(entities);
        unknown.removeAll(SecretTypes.ALL);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("guardrails." + name + ".entities: unknown secret type " + unknown.getFirst()
                    + "; known: " + new TreeSet<>(SecretTypes.ALL));
        }
        return entities.isEmpty() ? SecretsDetector.all(name) : new SecretsDetector(name, new HashSet<>(entities));
    }

    /**
     * The heuristics, reporting findings scored at least {@code options.min_score} (0.5), and with
     * {@code options.model} an ONNX classifier too ({@code classifier_threshold}, {@code label},
     * {@code output}, {@code window_chars}; {@link OnnxTextClassifier} says which models it reads),
     * loaded here so that a model it cannot read refuses the config.
     */
    public static Detector promptInjection(String name, Map<String, Object> options) {
        var o = new Options(name, options, Set.of("min_score", "model", "classifier_threshold", "label", "output", "window_chars"));
        double minScore = o.number("min_score", DEFAULT_MIN_INJECTION_SCORE, 0, 1);
        if (!o.has("model")) {
            for (String needsModel : List.of("classifier_threshold", "label", "output", "window_chars")) {
                if (o.has(needsModel)) {
                    throw o.error("options." + needsModel, "needs options.model");
                }
            }
            return new InjectionDetector(name, minScore, null, 1);
        }
        double threshold = o.number("classifier_threshold", DEFAULT_CLASSIFIER_THRESHOLD, 0, 1);
        int window = o.integer("window_chars", DEFAULT_CLASSIFIER_WINDOW, 16, 1_000_000);
        OnnxTextClassifier.Label label;
        try {
            label = o.has("label") ? OnnxTextClassifier.Label.of(options.get("label")) : OnnxTextClassifier.Label.POSITIVE;
        } catch (IllegalArgumentException invalid) {
            throw o.error("options.label", invalid.getMessage());
        }
        InjectionClassifier classifier;
        try {
            classifier = OnnxModels.classifier(Path.of(o.string("model", null)), o.string("output", null), label, window);
        } catch (IllegalArgumentException unreadable) {
            throw o.error("options.model", unreadable.getMessage());
        }
        return new InjectionDetector(name, minScore, classifier, threshold);
    }

    /**
     * {@code options.words}, {@code options.patterns} (RE2 syntax), {@code options.max_pattern_match},
     * and {@code options.topics} (allowed topics: a request naming none of their keywords is found
     * off topic; a check of requests only, so refused with {@code on: [output]}).
     */
    public static List<Detector> denyList(String name, List<String> on, Map<String, Object> options) {
        var o = new Options(name, options, Set.of("words", "patterns", "topics", "max_pattern_match"));
        var detectors = new ArrayList<Detector>(2);
        List<String> words = o.strings("words");
        List<String> patterns = o.strings("patterns");
        try {
            if (!words.isEmpty() || !patterns.isEmpty()) {
                detectors.add(new DenyListDetector(name, words, patterns,
                        o.integer("max_pattern_match", DenyListDetector.DEFAULT_MAX_PATTERN_MATCH, 1, 100_000)));
            }
            if (o.has("topics")) {
                if (on.contains("output")) {
                    throw o.error("options.topics", "checks requests only: set on: [input]");
                }
                detectors.add(new AllowedTopics(name, o.listMap("topics")));
            }
        } catch (IllegalArgumentException e) {
            // the detectors name the option's entry (words[2], patterns[0]); prefix the step's path
            throw e.getMessage().startsWith("guardrails.") ? e
                    : new IllegalArgumentException("guardrails." + name + ".options." + e.getMessage(), e);
        }
        if (detectors.isEmpty()) {
            throw o.error("options", "needs words, patterns or topics");
        }
        return detectors;
    }

    /** {@code options.url} (required), {@code options.headers}, {@code options.max_match_chars}. */
    public static Detector http(String name, long timeoutMs, Map<String, Object> options) {
        var o = new Options(name, options, Set.of("url", "headers", "max_match_chars"));
        Map<String, String> headers = o.stringMap("headers");
        headers.values().forEach(KnownSecrets::register); // a checker's token never reaches a log line
        return new HttpChecker(name, o.url("url"), Duration.ofMillis(timeoutMs), headers,
                o.integer("max_match_chars", DEFAULT_REMOTE_WINDOW, 1, 1_000_000));
    }

    /**
     * {@code options.url} (the analyzer's root, required), {@code options.language} ({@code en}),
     * {@code options.score_threshold} (0.5), {@code options.max_match_chars}; {@code entities} in
     * Keyroute's or Presidio's names (none: every type Presidio has).
     */
    public static Detector presidio(String name, List<String> entities, long timeoutMs, Map<String, Object> options) {
        var o = new Options(name, options, Set.of("url", "language", "score_threshold", "max_match_chars"));
        return new PresidioAnalyzer(name, o.url("url"), Duration.ofMillis(timeoutMs), o.string("language", "en"),
                entities, o.number("score_threshold", 0.5, 0, 1), o.integer("max_match_chars", DEFAULT_REMOTE_WINDOW, 1, 1_000_000));
    }
}
