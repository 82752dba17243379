package io.keyroute.routing.complexity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ComplexityClassifierTest {
    private final ComplexityClassifier classifier = new ComplexityClassifier();

    private static ObjectNode body(String json) {
        return ChatBodies.parse(json);
    }

    private Classification classify(String json) {
        return classifier.classify(ChatBodyShape.of(body(json)));
    }

    @Test
    void aGreetingIsSimple() {
        Classification c = classify("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi, how are you?\"}]}");

        assertThat(c.complexity()).isEqualTo(Complexity.SIMPLE);
        assertThat(c.features().promptTokens()).isEqualTo(4);
        assertThat(c.deciding()).isEmpty();
    }

    @Test
    void codeAndAnalysisAreModerate() {
        Classification c = classify("{\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Why does this fail? Please analyze it.\\n```java\\nint x = 1/0;\\n```\"}]}");

        assertThat(c.complexity()).isEqualTo(Complexity.MODERATE);
        assertThat(c.features().codeBlocks()).isEqualTo(1);
        assertThat(c.features().reasoningCues()).isEqualTo(1);
        assertThat(c.deciding()).containsExactlyInAnyOrder("1 code blocks", "1 multi-step cues");
    }

    @Test
    void toolsImagesAndALongAnswerAddUp() {
        Classification c = classify("""
                {"max_tokens": 5000, "response_format": {"type": "json_object"},
                 "tools": [{"type":"function","function":{"name":"a"}}, {"type":"function","function":{"name":"b"}}],
                 "messages": [
                   {"role":"system","content":"You are careful."},
                   {"role":"user","content":[{"type":"text","text":"Compare these designs step by step"},
                                              {"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}
                """);

        assertThat(c.features().tools()).isEqualTo(2);
        assertThat(c.features().images()).isEqualTo(1);
        assertThat(c.features().requestedOutputTokens()).isEqualTo(5000);
        assertThat(c.features().turns()).isEqualTo(1);
        assertThat(c.complexity()).isEqualTo(Complexity.COMPLEX);
        assertThat(c.deciding().getFirst()).isIn("3 multi-step cues", "5000 output tokens asked");
    }

    @Test
    void aLongProofWithMathIsAdvanced() {
        String text = "Prove the theorem step by step: derive the integral \\\\int_0^1 x^2 dx, then compare "
                + "with the derivative; analyze each equation and explain why. ".repeat(40);
        Classification c = classify("{\"max_tokens\": 20000, \"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");

        assertThat(c.complexity()).isEqualTo(Complexity.ADVANCED);
        assertThat(c.features().mathSignals()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokensAndTurnsSkipSystem() {
        ChatBodyShape shape = ChatBodyShape.of(body("""
                {"max_tokens": 10, "max_completion_tokens": 20, "stream": true,
                 "messages":[{"role":"developer","content":"d"},{"role":"user","content":"u1"},
                             {"role":"assistant","content":null,"tool_calls":[{"function":{"arguments":"{\\"a\\":1}"}}]},
                             {"role":"tool","content":"r"},{"role":"user","content":"u2"}]}
                """));

        assertThat(shape.maxOutputTokens()).hasValue(20);
        assertThat(shape.turns()).isEqualTo(4);
        assertThat(shape.stream()).isTrue();
        assertThat(shape.lastUserText()).isEqualTo("u2");
        assertThat(String.join("", shape.texts())).contains("{\"a\":1}");
    }

    @Test
    void inALongMessageCuesCountAtItsStartAndEndNotInThePastedDocument() {
        String document = "Design notes: compare the plans, then analyze and evaluate each trade-off. "
                .repeat(200); // 15 KB whose own words would be 6 cues a sentence
        String filler = "The quarterly figures follow, region by region, without commentary. ".repeat(40);
        String asked = filler + document + filler + "Explain why revenue fell, step by step.";

        RequestFeatures f = classify("{\"messages\":[{\"role\":\"user\",\"content\":\"" + asked + "\"}]}")
                .features();

        assertThat(asked.length()).isGreaterThan(2 * ComplexityClassifier.CUE_SCAN_CHARS);
        assertThat(f.reasoningCues()).isEqualTo(2); // "explain why", "step by step" at the end
        assertThat(f.promptTokens()).isEqualTo((asked.length() + 3) / 4); // the size still counts whole
    }

    @Test
    void cuesAtTheStartOfALongMessageCount() {
        String asked = "Prove the theorem. " + "Data row without any signal words. ".repeat(300);

        RequestFeatures f = classify("{\"messages\":[{\"role\":\"user\",\"content\":\"" + asked + "\"}]}")
                .features();

        assertThat(f.mathSignals()).isEqualTo(2); // "prove ", "theorem"
    }

    @Test
    void sameRequestSameVerdict() {
        String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"design a plan step by step\"}]}";
        assertThat(classify(json)).isEqualTo(classify(json));
    }
}
