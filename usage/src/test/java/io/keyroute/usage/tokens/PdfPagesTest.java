package io.keyroute.usage.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A PDF's pages from its bytes: never fewer than it has; the maximum whenever they cannot be counted. */
public class PdfPagesTest {

    /** How a generated PDF spells each page's {@code /Type /Page} and its page tree. */
    public record Spelling(String between, boolean escaped, boolean withCount, String filler) {
    }

    public static String pdf(int pages, Spelling s) {
        StringBuilder out = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        out.append("2 0 obj\n<< /Type /Pages").append(s.withCount() ? " /Count " + pages : "").append(" /Kids [");
        for (int i = 0; i < pages; i++) {
            out.append(3 + i).append(" 0 R ");
        }
        out.append("] >>\nendobj\n");
        for (int i = 0; i < pages; i++) {
            out.append(3 + i).append(" 0 obj\n<< /Type").append(s.between()).append(s.escaped() ? "/P#61ge" : "/Page")
                    .append(" /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n").append(s.filler());
        }
        return out.append("trailer\n<< /Root 1 0 R >>\n%%EOF\n").toString();
    }

    public static String base64(String pdf) {
        return Base64.getEncoder().encodeToString(pdf.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<Spelling> spellings() {
        return Combinators.combine(
                Arbitraries.of(" ", "", "\n", "\r\n  ", " %a comment\n", "\t\f"),
                Arbitraries.of(false, true),
                Arbitraries.of(false, true),
                Arbitraries.of("", "4 0 obj\n(a string with a % sign and /Pages in it)\nendobj\n", "% a comment line\n"))
                .as(Spelling::new);
    }

    @Property(tries = 300)
    void neverCountsFewerPagesThanThePdfHas(@ForAll @IntRange(min = 1, max = 1_200) int pages,
                                            @ForAll("spellings") Spelling spelling) {
        int bound = PdfPages.bound(base64(pdf(pages, spelling)));

        assertThat(bound).isGreaterThanOrEqualTo(Math.min(pages, PdfPages.MAX_PAGES));
        assertThat(bound).isEqualTo(Math.min(pages, PdfPages.MAX_PAGES)); // and no more, for these PDFs
    }

    @Test
    void aPageTreeCountAboveItsLeavesIsBelieved() {
        String pdf = pdf(2, new Spelling(" ", false, false, "")).replace("/Type /Pages", "/Type /Pages /Count 40");

        assertThat(PdfPages.bound(base64(pdf))).isEqualTo(40);
    }

    @Test
    void whatCannotBeCountedIsTheMaximum() {
        Spelling plain = new Spelling(" ", false, true, "");
        List<String> unreadable = List.of(
                base64("not a pdf at all /Type /Page"),
                base64(pdf(3, plain).replace("/Type /Pages", "/Type /ObjStm /N 3 >> << /Type /Pages")),
                base64(pdf(3, plain).replace("/Count 3", "/Count 9 0 R")),
                base64(pdf(3, plain).replace("/Count 3", "/Count /Three")),
                base64(pdf(0, plain).replace("/Count 0", "")),
                base64(pdf(3, plain)).replace('A', '*'),
                base64(pdf(3, plain).replace("/Type /Page ", "/Type /Pa#6 ")));

        for (String base64 : unreadable) {
            assertThat(PdfPages.bound(base64)).as(base64).isEqualTo(PdfPages.MAX_PAGES);
        }
    }

    @Test
    void aHeaderAfterSomeJunkWithinTheFirstKibibyteIsAPdf() {
        assertThat(PdfPages.bound(base64("junk\n" + pdf(7, new Spelling(" ", false, true, ""))))).isEqualTo(7);
        assertThat(PdfPages.bound(base64(" ".repeat(1_100) + pdf(7, new Spelling(" ", false, true, "")))))
                .isEqualTo(PdfPages.MAX_PAGES);
    }

    @Test
    void base64WithLineBreaksIsRead() {
        String mime = Base64.getMimeEncoder().encodeToString(pdf(12, new Spelling(" ", false, true, ""))
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(mime).contains("\r\n");
        assertThat(PdfPages.bound(mime)).isEqualTo(12);
    }
}
