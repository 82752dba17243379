package io.keyroute.usage.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the prompt of a request in the canonical model (any caller's format, translated): each
 * message's text, tool calls (name and arguments), tool results (their text, images and documents)
 * and reasoning text; images at {@link ImageDetail#AUTO}, the canonical model keeping no detail; a
 * document's title, context and plain text; a PDF's pages by {@link PdfPages} (from its bytes, or
 * the most a provider reads when it is by URL); each tool as the
 * JSON of its name, description and parameters.
 */
public final class CanonicalPrompt {
    private CanonicalPrompt() {
    }

    public static Prompt read(CanonicalRequest request) {
        List<Prompt.Turn> turns = new ArrayList<>();
        long pdfPages = 0;
        for (Message message : request.messages()) {
            List<String> texts = new ArrayList<>();
            List<ImageDetail> images = new ArrayList<>();
            pdfPages += parts(message.parts(), texts, images);
            turns.add(new Prompt.Turn(message.role().name().toLowerCase(Locale.ROOT), null, texts, images));
        }
        List<String> tools = new ArrayList<>();
        for (Tool tool : request.tools()) {
            tools.add(json(tool));
        }
        return new Prompt(turns, tools, pdfPages);
    }

    /** Adds the text and images of {@code parts} to {@code texts} and {@code images}; the PDF pages among them. */
    private static long parts(List<Part> parts, List<String> texts, List<ImageDetail> images) {
        long pdfPages = 0;
        for (Part part : parts) {
            if (part instanceof Part.Text text) {
                texts.add(text.text());
            } else if (part instanceof Part.Image) {
                images.add(ImageDetail.AUTO);
            } else if (part instanceof Part.ToolCall call) {
                texts.add(call.name());
                texts.add(call.arguments());
            } else if (part instanceof Part.ToolResult result) {
                pdfPages += parts(result.content(), texts, images);
            } else if (part instanceof Part.Reasoning reasoning) {
                texts.add(reasoning.text());
            } else if (part instanceof Part.Document document) {
                pdfPages += document(document, texts);
            }
        }
        return pdfPages;
    }

    /** A document's text (a PDF's title and context, a text document's all); its PDF pages. */
    private static int document(Part.Document document, List<String> texts) {
        String text = document.asText();
        if (!text.isEmpty()) {
            texts.add(text);
        }
        if (!document.isPdf()) {
            return 0;
        }
        return document.data() != null ? PdfPages.bound(document.data()) : PdfPages.MAX_PAGES;
    }

    private static String json(Tool tool) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("name", tool.name());
        if (tool.description() != null) {
            node.put("description", tool.description());
        }
        if (tool.parameters() != null) {
            node.set("parameters", tool.parameters());
        }
        return node.toString();
    }
}
