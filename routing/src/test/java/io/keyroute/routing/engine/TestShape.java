package io.keyroute.routing.engine;

import io.keyroute.routing.complexity.ChatShape;
import java.util.List;
import java.util.OptionalInt;

/** A chat request reduced to what routing reads, built directly by tests. */
record TestShape(List<String> texts, String lastUserText, int turns, int images, int documents, int tools, int toolDefinitionChars,
                 boolean wantsJson, OptionalInt maxOutputTokens, boolean stream) implements ChatShape {

    static TestShape text(String text) {
        return new TestShape(List.of(text), text, 1, 0, 0, 0, 0, false, OptionalInt.empty(), false);
    }

    /** A prompt of about {@code tokens} tokens with no cues. */
    static TestShape ofTokens(int tokens) {
        return text("x".repeat(tokens * 4));
    }

    TestShape withImages(int n) {
        return new TestShape(texts, lastUserText, turns, n, documents, tools, toolDefinitionChars, wantsJson, maxOutputTokens, stream);
    }

    TestShape withDocuments(int n) {
        return new TestShape(texts, lastUserText, turns, images, n, tools, toolDefinitionChars, wantsJson, maxOutputTokens, stream);
    }

    TestShape withTools(int n) {
        return new TestShape(texts, lastUserText, turns, images, documents, n, 40 * n, wantsJson, maxOutputTokens, stream);
    }

    TestShape withJson() {
        return new TestShape(texts, lastUserText, turns, images, documents, tools, toolDefinitionChars, true, maxOutputTokens, stream);
    }

    TestShape withMaxOutput(int n) {
        return new TestShape(texts, lastUserText, turns, images, documents, tools, toolDefinitionChars, wantsJson, OptionalInt.of(n), stream);
    }
}
