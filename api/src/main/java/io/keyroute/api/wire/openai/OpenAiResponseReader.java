package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An OpenAI {@code chat.completion} → {@link CanonicalResponse} (the first choice). The
 * {@code reasoning_content} of OpenAI-compatible reasoning servers (DeepSeek, vLLM) is reasoning.
 *
 * <p>Read token by token, what it does not need skipped: a Jackson tree of the answer was 39% of a translated
 * Responses answer's profile. It reads as reading the tree did (OpenAiResponseReaderPropertyTest holds it to that):
 * fields in any order, a field given twice as given last, odd values as a tree's {@code asText} gives them, and
 * what the tree refused (not JSON, trailing tokens, not an object) an {@link UncheckedIOException}.
 */
public final class OpenAiResponseReader {
    private OpenAiResponseReader() {
    }

    public static CanonicalResponse read(byte[] body) {
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            boolean object = parser.nextToken() == JsonToken.START_OBJECT;
            CanonicalResponse response = object ? answer(parser) : null;
            if (!object) {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing token after the answer");
            }
            if (!object) {
                throw new UncheckedIOException(new IOException("not a JSON object"));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    private static CanonicalResponse answer(JsonParser parser) throws IOException {
        String id = null;
        String model = null;
        Choice choice = Choice.NONE;
        Usage usage = null;
        String tier = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> id = NodeText.of(parser, null);
                case "model" -> model = NodeText.of(parser, null);
                case "choices" -> choice = Choice.first(parser);
                case "usage" -> usage = usage(parser);
                case "service_tier" -> tier = NodeText.ofString(parser);
                default -> parser.skipChildren();
            }
        }
        return new CanonicalResponse(id, model, choice.message().parts(),
                OpenAiFinishReasons.read(choice.finishReason()), null,
                usage == null ? Usage.NONE : usage.onTier(OpenAiFinishReasons.servedTier(tier)));
    }

    /** The usage object the parser stands on; null (skipped) for any other value. */
    private static Usage usage(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return OpenAiFinishReasons.readUsage(parser);
        }
        parser.skipChildren();
        return null;
    }

    /** The first of the {@code choices}: its message and its {@code finish_reason}'s text (null when none). */
    private record Choice(AnswerMessage message, String finishReason) {
        static final Choice NONE = new Choice(AnswerMessage.NONE, null);

        /** The first element of the array the parser stands on, the rest skipped; none for any other value. */
        static Choice first(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return NONE;
            }
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                return NONE;
            }
            Choice first = read(parser);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                parser.skipChildren();
            }
            return first;
        }

        private static Choice read(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return NONE;
            }
            AnswerMessage message = AnswerMessage.NONE;
            String finishReason = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "message" -> message = AnswerMessage.read(parser);
                    case "finish_reason" -> finishReason = NodeText.of(parser, null);
                    default -> parser.skipChildren();
                }
            }
            return new Choice(message, finishReason);
        }
    }
}
