package io.keyroute.server.guardrails.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime running models the test writes: what the classifier reads, and what it refuses. */
class OnnxTextClassifierTest {
    /** "kumquat" is what this model was "trained" on: no heuristic knows the word. */
    static final Map<String, Float> WEIGHTS = new LinkedHashMap<>(Map.of("kumquat", 4f, "banana", -1f));
    static final float BIAS = -2f;

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = TinyOnnxModels.bagOfWords(dir, WEIGHTS, BIAS);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void aStringInModelScoresTheTextWithItsOwnVectoriser() {
        var classifier = OnnxModels.classifier(model, null, OnnxTextClassifier.Label.POSITIVE, 2000);

        assertThat(classifier.probability("Please summarise this meeting")).isCloseTo(sigmoid(-2), within(1e-6));
        assertThat(classifier.probability("KUMQUAT time")).isCloseTo(sigmoid(2), within(1e-6));
        assertThat(classifier.probability("kumquat kumquat banana")).isCloseTo(sigmoid(4 + 4 - 1 - 2), within(1e-6));
    }

    @Test
    void aLongTextIsScoredWindowByWindowAndItsMostSuspiciousWindowCounts() {
        var classifier = OnnxModels.classifier(model, null, OnnxTextClassifier.Label.POSITIVE, 100);
        String filler = "the quarterly numbers look fine ".repeat(200);

        // Whole, the one word would be outweighed by nothing here, but the window holding it scores alone.
        assertThat(classifier.probability(filler + "kumquat " + filler)).isCloseTo(sigmoid(2), within(1e-6));
        assertThat(classifier.probability(filler + filler)).isCloseTo(sigmoid(-2), within(1e-6));
        // A word on a window boundary is whole in the next window (windows overlap by a tenth).
        String boundary = "x".repeat(95) + " kumquat " + "y".repeat(300);
        assertThat(classifier.probability(boundary)).isCloseTo(sigmoid(2), within(1e-6));
    }

    @Test
    void scikitLearnsLabelledMapsAreReadByClassName() throws IOException {
        Path labelled = TinyOnnxModels.bagOfWordsWithLabels(dir, WEIGHTS, BIAS, List.of("benign", "injection"));

        var classifier = OnnxModels.classifier(labelled, null, new OnnxTextClassifier.Label(-1, "injection"), 2000);
        assertThat(classifier.probability("a kumquat")).isCloseTo(sigmoid(2), within(1e-6));
        assertThatThrownBy(() -> OnnxModels.classifier(labelled, null, OnnxTextClassifier.Label.POSITIVE, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model's classes [benign, injection] do not include label 1");
    }

    @Test
    void theSameUnchangedFileIsLoadedOnceAcrossConfigReloadsAndAChangedOneAnew() throws IOException {
        Path file = Files.copy(model, dir.resolve("reloaded.onnx"));
        int before = OnnxModels.loaded();

        OnnxModels.classifier(file, null, OnnxTextClassifier.Label.POSITIVE, 2000);
        OnnxModels.classifier(file, null, OnnxTextClassifier.Label.POSITIVE, 100);
        assertThat(OnnxModels.loaded()).isEqualTo(before + 1);

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
        OnnxModels.classifier(file, null, OnnxTextClassifier.Label.POSITIVE, 2000);
        assertThat(OnnxModels.loaded()).isEqualTo(before + 2);
    }

    @Test
    void modelsItCannotReadAreRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> OnnxModels.classifier(dir.resolve("missing.onnx"), null, OnnxTextClassifier.Label.POSITIVE, 2000))
                .hasMessageStartingWith("cannot be read: ");
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxModels.classifier(garbage, null, OnnxTextClassifier.Label.POSITIVE, 2000))
                .hasMessageStartingWith("is not an ONNX model ONNX Runtime can load");
        Path numbers = TinyOnnxModels.numbersIn(dir);
        assertThatThrownBy(() -> OnnxModels.classifier(numbers, null, OnnxTextClassifier.Label.POSITIVE, 2000))
                .hasMessageContaining("first input (ids")
                .hasMessageEndingWith("is not a string tensor; a model taking token ids needs its tokenizer: run it behind an http checker");
        assertThatThrownBy(() -> OnnxModels.classifier(model, "logits", OnnxTextClassifier.Label.POSITIVE, 2000))
                .hasMessage("the model has no output logits; it has [score]");
    }
}
