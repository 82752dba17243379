package io.keyroute.server.guardrails.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import io.keyroute.guardrails.injection.InjectionClassifier;

import java.util.Arrays;
import java.util.Map;

/**
 * An operator's ONNX text classifier, run in process by ONNX Runtime: a graph whose first input is
 * a string tensor (the text, shape {@code [1]} or {@code [1,1]}; text pipelines exported with their
 * vectoriser, as scikit-learn's are, take one) and whose chosen output is either a float tensor of
 * probabilities ({@code [1]}, {@code [1,1]} or {@code [1,n]}: the {@link Label} picks the column)
 * or a sequence of label-to-probability maps (scikit-learn's ZipMap). A model taking token ids is
 * refused at load: it needs its tokenizer, which belongs behind an {@code http} checker.
 *
 * <p>Texts are scored in windows of {@code windowChars} (overlapping by a tenth, so a phrase on a
 * boundary is whole in one of them) and the highest probability is the text's: a classifier
 * trained on prompts dilutes one injected paragraph in a 400 KB conversation. One intra-op thread:
 * the gateway's parallelism is its requests'. Thread-safe (an ONNX Runtime session is).
 */
public final class OnnxTextClassifier implements InjectionClassifier {
    private final OrtSession session;
    private final String input;
    private final long[] inputShape;
    private final String output;
    private final Label label;
    private final int windowChars;

    /** Which class is "injection": a column of a probability tensor, or a key of ZipMap's maps. */
    public record Label(long index, String name) {
        /** The second column, or the key 1 / "1": a binary classifier's positive class. */
        public static final Label POSITIVE = new Label(1, "1");

        public static Label of(Object configured) {
            if (configured instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue()) {
                return new Label(n.longValue(), Long.toString(n.longValue()));
            }
            if (configured instanceof String s && !s.isBlank()) {
                return new Label(-1, s);
            }
            throw new IllegalArgumentException("must be a class index (0, 1, …) or a class name");
        }
    }

    OnnxTextClassifier(OrtSession session, String output, Label label, int windowChars) {
        if (windowChars < 1) {
            throw new IllegalArgumentException("window_chars must be positive");
        }
        try {
            var inputs = session.getInputInfo();
            var first = inputs.values().iterator().next();
            if (!(first.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.STRING) {
                throw new IllegalArgumentException("the model's first input (" + first.getName() + ": " + first.getInfo()
                        + ") is not a string tensor; a model taking token ids needs its tokenizer: run it behind an http checker");
            }
            this.input = first.getName();
            this.inputShape = tensor.getShape().length == 2 ? new long[] {1, 1} : new long[] {1};
            var outputs = session.getOutputInfo();
            this.output = output != null ? output : outputs.keySet().iterator().next();
            var chosen = outputs.get(this.output);
            if (chosen == null) {
                throw new IllegalArgumentException("the model has no output " + this.output + "; it has " + outputs.keySet());
            }
            boolean floats = chosen.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT;
            boolean maps = chosen.getInfo() instanceof SequenceInfo s && s.isSequenceOfMaps();
            if (!floats && !maps) {
                throw new IllegalArgumentException("the model's output " + this.output + " (" + chosen.getInfo()
                        + ") is neither a float tensor nor a sequence of label-to-probability maps");
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("the model could not be inspected: " + e.getMessage(), e);
        }
        this.session = session;
        this.label = label;
        this.windowChars = windowChars;
        probability("");
    }

    @Override
    public double probability(String text) {
        int step = Math.max(1, windowChars - windowChars / 10);
        double highest = score(text.substring(0, Math.min(text.length(), windowChars)));
        for (int from = step; from + windowChars - step < text.length(); from += step) {
            highest = Math.max(highest, score(text.substring(from, Math.min(text.length(), from + windowChars))));
        }
        return highest;
    }

    private double score(String window) {
        var env = OrtEnvironment.getEnvironment();
        try (var tensor = OnnxTensor.createTensor(env, new String[] {window}, inputShape);
             var result = session.run(Map.of(input, tensor), java.util.Set.of(output))) {
            return probabilityIn(result.get(0));
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX classifier failed: " + e.getMessage(), e);
        }
    }

    private double probabilityIn(OnnxValue value) throws OrtException {
        if (value instanceof OnnxTensor tensor) {
            var scores = tensor.getFloatBuffer();
            int columns = scores.remaining();
            if (columns == 1) {
                return scores.get(0);
            }
            if (label.index() < 0 || label.index() >= columns) {
                throw new IllegalStateException("the model's output has " + columns + " classes; label " + label.name()
                        + " is not one of them (shape " + Arrays.toString(tensor.getInfo().getShape()) + ")");
            }
            return scores.get((int) label.index());
        }
        var maps = ((OnnxSequence) value).getValue();
        var first = ((OnnxMap) maps.getFirst()).getValue();
        for (var entry : first.entrySet()) {
            if (String.valueOf(entry.getKey()).equals(label.name())) {
                return ((Number) entry.getValue()).doubleValue();
            }
        }
        throw new IllegalStateException("the model's classes " + first.keySet() + " do not include label " + label.name());
    }
}
