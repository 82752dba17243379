package io.keyroute.usage.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A canonical prompt's documents as a count reads them: text as text, a PDF as its pages. */
class CanonicalPromptTest {

    private static Prompt read(List<Part> parts) {
        Params none = new Params(null, null, null, List.of(), null, null, null, null, null);
        return CanonicalPrompt.read(new CanonicalRequest("m", List.of(new Message(Role.USER, parts)), List.of(), null,
                none, false, true));
    }

    @Test
    void aPdfIsItsPagesWhereverItIsAndItsTitleIsText() {
        String twoPages = PdfPagesTest.base64(PdfPagesTest.pdf(2, new PdfPagesTest.Spelling(" ", false, true, "")));
        Prompt prompt = read(List.of(Part.Document.inline(Part.Document.PDF, twoPages, "report.pdf"),
                new Part.ToolResult("call_1", List.of(Part.Document.inline(Part.Document.PDF, twoPages, null)), false),
                Part.Document.ofUrl("https://example.com/a.pdf", null)));

        assertThat(prompt.pdfPages()).isEqualTo(2 + 2 + PdfPages.MAX_PAGES);
        assertThat(prompt.turns().getFirst().texts()).containsExactly("report.pdf");
    }

    @Test
    void aTextDocumentIsItsTitleContextAndTextAndNoPage() {
        Prompt prompt = read(List.of(new Part.Document(null, "text/plain", null, "The text.", "Notes", "From Ada")));

        assertThat(prompt.pdfPages()).isZero();
        assertThat(prompt.turns().getFirst().texts()).containsExactly("Notes\n\nFrom Ada\n\nThe text.");
    }
}
