package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.PromptFraming;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.JsonSizes;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.Price;
import io.keyroute.usage.tokens.PdfPages;
import io.keyroute.usage.tokens.PdfPagesTest;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * A request carrying a PDF, in each API's shape (Anthropic's {@code document}, OpenAI Chat's
 * {@code file}, Responses' {@code input_file}), is never reserved below what its pages can bill at
 * each provider's published per-page rate, its text and output included; one by URL, never below
 * the most pages a provider reads.
 */
class DocumentBoundPropertyTest {
    /** Anthropic: a page's text at most 3,000 tokens, its image at most ~1,600 (PDF support guide). */
    private static final long ANTHROPIC_PAGE = 3_000 + 1_600;
    /** OpenAI: the page's text (3,000, as Anthropic's) and its image at gpt-4o-mini's dearest, 48,169. */
    private static final long OPENAI_PAGE = 3_000 + 48_169;
    /** Gemini: 258 a page on 2.x, 560 on Gemini 3 at its default media resolution. */
    private static final long GEMINI_PAGE = 560;

    private static final List<CostBound.Target> TARGETS = List.of(CostBoundTest.SONNET_45,
            CostBoundTest.MINI_AT_OPENAI, CostBoundTest.builtIn("gemini/gemini-2.5-flash", PromptFraming.GEMINI),
            CostBoundTest.builtIn("gemini/gemini-2.5-pro", PromptFraming.GEMINI));

    @Provide
    Arbitrary<String> shapes() {
        return Arbitraries.of("anthropic", "openai", "responses");
    }

    @Property(tries = 200)
    void aPdfIsNeverReservedBelowItsPagesAtThePublishedRate(@ForAll @IntRange(min = 1, max = 400) int pages,
                                                            @ForAll("shapes") String shape,
                                                            @ForAll @StringLength(max = 300) String question,
                                                            @ForAll @IntRange(min = 0, max = 4_000) int maxTokens) {
        String pdf = PdfPagesTest.base64(PdfPagesTest.pdf(pages, new PdfPagesTest.Spelling(" ", false, true, "")));
        BillableRequest request = BillableRequestReader.read(body(shape, pdf, null, question, maxTokens), Map.of());

        for (CostBound.Target target : TARGETS) {
            long text = JsonSizes.utf8Bytes(question) + "report.pdf".length();
            assertNeverBelow(request, target, pages * perPage(target) + text, maxTokens);
        }
    }

    @Property(tries = 50)
    void aPdfByUrlIsNeverFree(@ForAll("shapes") String shape) {
        BillableRequest request = BillableRequestReader.read(body(shape, null, "https://example.com/p.pdf", "Why?", 100),
                Map.of());

        for (CostBound.Target target : TARGETS) {
            assertNeverBelow(request, target, PdfPages.MAX_PAGES * perPage(target), 100);
        }
    }

    private static void assertNeverBelow(BillableRequest request, CostBound.Target target, long promptTokens, int maxTokens) {
        ModelInfo model = target.model();
        long billed = Math.min(promptTokens, model.contextWindow());
        long worst = CostCalculator.micros(Price.of(model, billed).orElseThrow(),
                new Usage(billed, CostBound.outputTokens(model, maxTokens), 0, 0));
        assertThat(CostBound.maxMicros(List.of(target), request)).as(model.target().qualified())
                .isGreaterThanOrEqualTo(worst);
    }

    private static long perPage(CostBound.Target target) {
        return switch (target.framing()) {
            case ANTHROPIC -> ANTHROPIC_PAGE;
            case GEMINI -> GEMINI_PAGE;
            default -> OPENAI_PAGE;
        };
    }

    /** One user turn: the document (inline {@code pdf} or at {@code url}) named report.pdf, then the question. */
    static ObjectNode body(String shape, String pdf, String url, String question, int maxTokens) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "m");
        ArrayNode content = Json.MAPPER.createArrayNode();
        ObjectNode document = content.addObject();
        switch (shape) {
            case "anthropic" -> {
                document.put("type", "document").put("title", "report.pdf");
                ObjectNode source = document.putObject("source");
                if (pdf != null) {
                    source.put("type", "base64").put("media_type", "application/pdf").put("data", pdf);
                } else {
                    source.put("type", "url").put("url", url);
                }
                content.addObject().put("type", "text").put("text", question);
                body.put("max_tokens", maxTokens).putArray("messages").addObject().put("role", "user").set("content", content);
            }
            case "openai" -> {
                // Chat Completions takes no file by URL: an OpenAI-shaped URL document is a Responses one.
                document.put("type", "file").putObject("file").put("filename", "report.pdf")
                        .put("file_data", pdf != null ? "data:application/pdf;base64," + pdf : url);
                content.addObject().put("type", "text").put("text", question);
                body.put("max_completion_tokens", maxTokens).putArray("messages").addObject().put("role", "user")
                        .set("content", content);
            }
            default -> {
                document.put("type", "input_file").put("filename", "report.pdf");
                if (pdf != null) {
                    document.put("file_data", "data:application/pdf;base64," + pdf);
                } else {
                    document.put("file_url", url);
                }
                content.addObject().put("type", "input_text").put("text", question);
                body.put("max_output_tokens", maxTokens).putArray("input").addObject().put("role", "user")
                        .set("content", content);
            }
        }
        return body;
    }
}
