package io.keyroute.server.guardrails.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tiny ONNX models the tests build themselves (no download, no Python): the protobuf of onnx.proto
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto; field numbers
 * from onnx/onnx.proto) written by hand, for ONNX Runtime to load and run like any operator's file.
 */
public final class TinyOnnxModels {
    private static final int FLOAT = 1;
    private static final int STRING = 8;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_INTS = 7;
    private static final int ATTR_STRINGS = 8;

    private TinyOnnxModels() {
    }

    /**
     * A bag-of-words logistic regression, string in, probability out: {@code text [1]} lower-cased
     * (StringNormalizer), split on whitespace (StringSplit), counted against {@code weights}' words
     * (TfIdfVectorizer, TF), then {@code sigmoid(counts · weights + bias)} as {@code score [1,1]}.
     */
    public static Path bagOfWords(Path dir, Map<String, Float> weights, float bias) throws IOException {
        var graph = bagOfWordsGraph(weights, bias).message(12, valueInfo("score", FLOAT, 1, 1));
        return write(dir.resolve("bag-of-words.onnx"), graph);
    }

    /**
     * The same model with scikit-learn's output: {@code [1 - p, p]} through ZipMap (domain
     * ai.onnx.ml) as a sequence of one map from {@code labels} (benign first) to probabilities.
     */
    static Path bagOfWordsWithLabels(Path dir, Map<String, Float> weights, float bias, List<String> labels) throws IOException {
        var zipMap = node(List.of("probabilities"), List.of("labelled"), "ZipMap", stringsAttr("classlabels_strings", labels));
        var graph = bagOfWordsGraph(weights, bias)
                .message(5, floatTensor("one", new long[] {1}, 1f))
                .message(1, node(List.of("one", "score"), List.of("complement"), "Sub"))
                .message(1, node(List.of("complement", "score"), List.of("probabilities"), "Concat", intAttr("axis", 1)))
                .message(1, zipMap.string(7, "ai.onnx.ml"))
                .message(12, sequenceOfMapsInfo("labelled"));
        return write(dir.resolve("bag-of-words-labelled.onnx"), graph);
    }

    private static Proto bagOfWordsGraph(Map<String, Float> weights, float bias) {
        List<String> words = List.copyOf(weights.keySet());
        float[] w = new float[words.size()];
        long[] indexes = new long[words.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(words.get(i));
            indexes[i] = i;
        }
        return new Proto()
                .message(1, node(List.of("text"), List.of("lower"), "StringNormalizer",
                        stringAttr("case_change_action", "LOWER"), intAttr("is_case_sensitive", 0),
                        stringAttr("locale", "C.UTF-8"))) // its default, en_US.UTF-8, is not on every machine
                .message(1, node(List.of("lower"), List.of("tokens", "token_counts"), "StringSplit"))
                .message(1, node(List.of("tokens"), List.of("counts"), "TfIdfVectorizer",
                        stringAttr("mode", "TF"), intAttr("min_gram_length", 1), intAttr("max_gram_length", 1),
                        intAttr("max_skip_count", 0), intsAttr("ngram_counts", 0), intsAttr("ngram_indexes", indexes),
                        stringsAttr("pool_strings", words)))
                .message(1, node(List.of("counts", "weights"), List.of("logit_no_bias"), "MatMul"))
                .message(1, node(List.of("logit_no_bias", "bias"), List.of("logit"), "Add"))
                .message(1, node(List.of("logit"), List.of("score"), "Sigmoid"))
                .string(2, "bag_of_words")
                .message(5, floatTensor("weights", new long[] {w.length, 1}, w))
                .message(5, floatTensor("bias", new long[] {1}, bias))
                .message(11, valueInfo("text", STRING, 1));
    }

    /** A model taking numbers, as a transformer exported without its tokenizer does: refused. */
    static Path numbersIn(Path dir) throws IOException {
        var graph = new Proto()
                .message(1, node(List.of("ids"), List.of("score"), "Sigmoid"))
                .string(2, "numbers_in")
                .message(11, valueInfo("ids", FLOAT, 1, 8))
                .message(12, valueInfo("score", FLOAT, 1, 8));
        return write(dir.resolve("numbers-in.onnx"), graph);
    }

    private static Path write(Path file, Proto graph) throws IOException {
        var model = new Proto()
                .varint(1, 9) // ir_version: 9 reads opset 20
                .string(2, "keyroute-tests")
                .message(7, graph)
                .message(8, new Proto().varint(2, 20)) // opset_import: the default domain, opset 20 (StringSplit)
                .message(8, new Proto().string(1, "ai.onnx.ml").varint(2, 3)); // ZipMap's domain
        Files.write(file, model.bytes());
        return file;
    }

    private static Proto node(List<String> inputs, List<String> outputs, String op, Proto... attributes) {
        var node = new Proto();
        inputs.forEach(i -> node.string(1, i));
        outputs.forEach(o -> node.string(2, o));
        node.string(3, op.toLowerCase() + "_" + outputs.getFirst()).string(4, op);
        for (var attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    private static Proto stringAttr(String name, String value) {
        return new Proto().string(1, name).string(4, value).varint(20, ATTR_STRING);
    }

    private static Proto intAttr(String name, long value) {
        return new Proto().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    private static Proto intsAttr(String name, long... values) {
        var attribute = new Proto().string(1, name);
        for (long v : values) {
            attribute.varint(8, v);
        }
        return attribute.varint(20, ATTR_INTS);
    }

    private static Proto stringsAttr(String name, List<String> values) {
        var attribute = new Proto().string(1, name);
        values.forEach(v -> attribute.string(9, v));
        return attribute.varint(20, ATTR_STRINGS);
    }

    private static Proto floatTensor(String name, long[] dims, float... values) {
        var tensor = new Proto();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        var raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    private static Proto valueInfo(String name, int elementType, long... dims) {
        var shape = new Proto();
        for (long d : dims) {
            shape.message(1, new Proto().varint(1, d));
        }
        var tensorType = new Proto().varint(1, elementType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** seq(map(string, float)): TypeProto's sequence_type (4) of a map_type (5). */
    private static Proto sequenceOfMapsInfo(String name) {
        var floats = new Proto().message(1, new Proto().varint(1, FLOAT));
        var map = new Proto().message(5, new Proto().varint(1, STRING).message(2, floats));
        return new Proto().string(1, name).message(2, new Proto().message(4, new Proto().message(1, map)));
    }

    /** Protobuf's wire format: varints (type 0) and length-delimited fields (type 2). */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return bytes(field, message.bytes());
        }

        Proto bytes(int field, byte[] value) {
            raw((long) field << 3 | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
