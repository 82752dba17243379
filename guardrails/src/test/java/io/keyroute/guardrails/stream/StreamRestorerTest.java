package io.keyroute.guardrails.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.SampleTexts;
import io.keyroute.guardrails.SampleTexts.Chunked;
import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Masker;
import io.keyroute.guardrails.masking.Placeholders;
import io.keyroute.guardrails.pii.PiiDetectors;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StreamRestorerTest {
    private static final Masker MASKER = Masker.reversible(Detectors.of(PiiDetectors.all()));

    private static String stream(String text, List<Integer> cuts, StreamRestorer restorer) {
        StringBuilder out = new StringBuilder();
        int previous = 0;
        for (int cut : new TreeSet<>(cuts)) {
            out.append(restorer.accept(text.substring(previous, cut)));
            assertThat(restorer.heldBack()).isLessThan(Placeholders.MAX_LENGTH);
            previous = cut;
        }
        out.append(restorer.accept(text.substring(previous)));
        out.append(restorer.flush());
        return out.toString();
    }

    @Test
    void aPlaceholderSplitAnywhereIsRestored() {
        MaskTable table = new MaskTable();
        String masked = MASKER.mask(SampleTexts.SAMPLE, table).text();
        for (int cut = 0; cut <= masked.length(); cut++) {
            for (int second = cut; second <= Math.min(masked.length(), cut + 12); second++) {
                assertThat(stream(masked, List.of(cut, second), new StreamRestorer(table)))
                        .as("cut at %d and %d", cut, second).isEqualTo(SampleTexts.SAMPLE);
            }
        }
    }

    @Test
    void textBeforeAnOpenPlaceholderIsSentAndTheRestWhenItCloses() {
        MaskTable table = new MaskTable();
        table.placeholderFor("email", "jane@example.com");
        StreamRestorer restorer = new StreamRestorer(table);

        assertThat(restorer.accept("Write to <EMA")).isEqualTo("Write to ");
        assertThat(restorer.accept("IL_1")).isEmpty();
        assertThat(restorer.accept("> today, 2 < 3 and <b")).isEqualTo("jane@example.com today, 2 < 3 and ");
        assertThat(restorer.accept("old>")).isEqualTo("<bold>");
        assertThat(restorer.accept("<EMAIL_2>")).isEqualTo("<EMAIL_2>");
        assertThat(restorer.accept("a < that never closes " + "x".repeat(60))).startsWith("a < that never closes");
        assertThat(restorer.heldBack()).isZero();
        assertThat(restorer.accept("<EMAIL_")).isEmpty();
        assertThat(restorer.flush()).isEqualTo("<EMAIL_");
    }

    /** A masked answer restored delta by delta, chunked anywhere, equals restoring it whole. */
    @Property(tries = 1000)
    void anyChunkingRestoresAsWhole(@ForAll("chunkedTexts") Chunked chunked) {
        MaskTable table = new MaskTable();
        String masked = MASKER.mask(chunked.text(), table).text();
        List<Integer> cuts = chunked.cuts().stream().map(cut -> Math.min(cut, masked.length())).toList();

        String restored = stream(masked, cuts, new StreamRestorer(table));

        assertThat(restored).isEqualTo(table.restore(masked)).isEqualTo(chunked.text());
    }

    @Provide
    Arbitrary<Chunked> chunkedTexts() {
        return SampleTexts.chunkedTexts(30, 40);
    }
}
