package io.keyroute.guardrails.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.SampleTexts;
import io.keyroute.guardrails.SampleTexts.Chunked;
import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Masked;
import io.keyroute.guardrails.masking.Masker;
import io.keyroute.guardrails.pii.PiiDetectors;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StreamRedactorTest {
    private static final Masker MASKER = Masker.of(Detectors.of(PiiDetectors.all()));
    private static final int WINDOW = MASKER.detectors().maxMatchLength();

    /** Streams {@code text} cut at {@code cuts}, checking the hold-back after every delta; returns the redactor's output. */
    private static String stream(String text, List<Integer> cuts, StreamRedactor redactor) {
        StringBuilder out = new StringBuilder();
        int previous = 0;
        for (int cut : new TreeSet<>(cuts)) {
            out.append(redactor.accept(text.substring(previous, cut)));
            assertThat(redactor.heldBack()).as("held back after %d of %d", cut, text.length()).isLessThanOrEqualTo(WINDOW);
            previous = cut;
        }
        out.append(redactor.accept(text.substring(previous)));
        assertThat(redactor.heldBack()).isLessThanOrEqualTo(WINDOW);
        out.append(redactor.flush());
        assertThat(redactor.heldBack()).isZero();
        return out.toString();
    }

    private static void streamsAsWhole(String text, List<Integer> cuts) {
        Masked whole = MASKER.mask(text, new MaskTable());
        StreamRedactor redactor = new StreamRedactor(MASKER, new MaskTable());

        assertThat(stream(text, cuts, redactor)).as("cut at %s", cuts).isEqualTo(whole.text());
        assertThat(redactor.entityCounts()).isEqualTo(whole.entityCounts());
        assertThat(redactor.score()).isEqualTo(whole.score());
    }

    @Test
    void theSampleCutAtAnyOnePointOrIntoSingleCharactersIsRedactedAsWhole() {
        String sample = SampleTexts.SAMPLE;
        for (int cut = 0; cut <= sample.length(); cut++) {
            streamsAsWhole(sample, List.of(cut));
        }
        List<Integer> everyCharacter = new ArrayList<>();
        for (int cut = 1; cut < sample.length(); cut++) {
            everyCharacter.add(cut);
        }
        streamsAsWhole(sample, everyCharacter);
    }

    /** Every chunking of the sample (random split points) gives what redacting it whole gives. */
    @Property(tries = 1000)
    void anyChunkingOfTheSampleIsRedactedAsWhole(@ForAll("cutsOfTheSample") List<Integer> cuts) {
        streamsAsWhole(SampleTexts.SAMPLE, cuts);
    }

    /** And of any text the corpus's values and look-alikes make, glued together in any order. */
    @Property(tries = 1000)
    void anyChunkingOfAnyTextIsRedactedAsWhole(@ForAll("chunkedTexts") Chunked chunked) {
        streamsAsWhole(chunked.text(), chunked.cuts());
    }

    @Provide
    Arbitrary<List<Integer>> cutsOfTheSample() {
        return Arbitraries.integers().between(0, SampleTexts.SAMPLE.length()).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Chunked> chunkedTexts() {
        return SampleTexts.chunkedTexts(30, 40);
    }

    @Test
    void proseThatEndsInAWordBoundaryIsSentAtOnceAndOnlyAPossibleValueIsHeld() {
        StreamRedactor redactor = new StreamRedactor(MASKER, new MaskTable());

        assertThat(redactor.accept("The meeting is at 10:30, ")).isEqualTo("The meeting is at 10:30, ");
        assertThat(redactor.accept("write to jane.d")).isEqualTo("write to ");
        assertThat(redactor.heldBack()).isEqualTo("jane.d".length());
        assertThat(redactor.accept("oe@example.com")).isEmpty();
        assertThat(redactor.accept(" or call")).isEqualTo("<EMAIL_1> or ");
        assertThat(redactor.accept(" +44 20 7946 0958")).isEqualTo("call ");
        assertThat(redactor.flush()).isEqualTo("<PHONE_1>");
    }

    @Test
    void aLongAnswerKeepsItsMemoryBounded() {
        StreamRedactor redactor = new StreamRedactor(MASKER, new MaskTable());
        String line = "Contact jane.doe@example.com or 192.168.1.10 for details about order 4111111111111112.\n";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            out.append(redactor.accept(line));
            assertThat(redactor.heldBack()).isLessThanOrEqualTo(WINDOW);
        }
        out.append(redactor.flush());

        assertThat(out.toString()).isEqualTo(("Contact <EMAIL_1> or <IP_ADDRESS_1> for details about order 4111111111111112.\n").repeat(2_000));
        assertThat(redactor.entityCounts()).containsEntry("email", 2_000).containsEntry("ip_address", 2_000);
    }
}
