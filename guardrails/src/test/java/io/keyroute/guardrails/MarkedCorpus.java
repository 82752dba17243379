package io.keyroute.guardrails;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of {@code pii-corpus.tsv}: an entity type, a text, and the values marked ⟦…⟧ in it, so a
 * detector is scored on exact spans (what masking replaces), not only on flagging a text.
 */
public record MarkedCorpus(List<Line> lines) {

    public record Span(int start, int end) {}

    public record Line(String entityType, String text, List<Span> values) {

        public List<String> valueTexts() {
            return values.stream().map(span -> text.substring(span.start(), span.end())).toList();
        }
    }

    public static MarkedCorpus load() {
        try (InputStream in = MarkedCorpus.class.getResourceAsStream("/pii-corpus.tsv")) {
            List<Line> lines = new ArrayList<>();
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                int tab = raw.indexOf('\t');
                lines.add(parse(raw.substring(0, tab), raw.substring(tab + 1)));
            }
            return new MarkedCorpus(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Line parse(String entityType, String marked) {
        StringBuilder text = new StringBuilder();
        List<Span> values = new ArrayList<>();
        int open = -1;
        for (char c : marked.toCharArray()) {
            if (c == '⟦') {
                open = text.length();
            } else if (c == '⟧') {
                values.add(new Span(open, text.length()));
            } else {
                text.append(c);
            }
        }
        return new Line(entityType, text.toString(), values);
    }

    public List<Line> of(String entityType) {
        return lines.stream().filter(line -> line.entityType().equals(entityType)).toList();
    }
}
