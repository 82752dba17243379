package io.keyroute.guardrails;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Texts for properties: the corpus's values and look-alike lines, placeholder-shaped tokens and the
 * characters the detectors' patterns turn on, joined at random, so values meet their neighbours in every way.
 */
public final class SampleTexts {
    private SampleTexts() {}

    private static final List<String> FRAGMENTS = fragments();

    private static List<String> fragments() {
        List<String> fragments = new ArrayList<>();
        for (MarkedCorpus.Line line : MarkedCorpus.load().lines()) {
            fragments.addAll(line.valueTexts());
            if (line.values().isEmpty()) {
                fragments.add(line.text());
            }
        }
        fragments.addAll(List.of(" ", " ", " ", "\n", ".", ",", "-", ":", "/", "@", "+", "(", ")", "'", "_",
                "<", ">", "1", "42", "a", "Z", "x@y", "DE", "0", "::", "<EMAIL_1>", "<PHONE_2", "_3>", "<IBAN_12>",
                "<PLACEHOLDER_1>", "<not a placeholder>", "The answer is ", "Kind regards, "));
        return List.copyOf(fragments);
    }

    /** A text of up to {@code maxFragments} fragments. */
    public static Arbitrary<String> texts(int maxFragments) {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(maxFragments).map(parts -> String.join("", parts));
    }

    /**
     * Fragments apart, as in a list: a comma, a semicolon or a new line between them (a number right after
     * another and a space may be that number's next group, see {@code PhoneNumbers}).
     */
    public static Arbitrary<String> separatedTexts(int maxFragments) {
        Arbitrary<String> separated = Combinators.combine(Arbitraries.of(FRAGMENTS), Arbitraries.of(", ", "; ", "\n", " and "))
                .as((fragment, separator) -> fragment + separator);
        return separated.list().ofMaxSize(maxFragments).map(parts -> String.join("", parts));
    }

    /** A text and the points a stream cuts it at (unordered, maybe repeated, each within the text). */
    public record Chunked(String text, List<Integer> cuts) {}

    public static Arbitrary<Chunked> chunkedTexts(int maxFragments, int maxCuts) {
        return texts(maxFragments).flatMap(text -> Arbitraries.integers().between(0, text.length())
                .list().ofMaxSize(maxCuts).map(cuts -> new Chunked(text, cuts)));
    }

    /** One fixed sample with a value of every type among prose and look-alikes. */
    public static final String SAMPLE = "Hi, I'm Jane (jane.doe@example.com, +44 20 7946 0958). Card 4111 1111 1111 1111, "
            + "IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789, NI AB 12 34 56 C; server 192.168.1.10 and 2001:db8::1. "
            + "Not values: v1.2.3, 2024-01-15 10:30:45, order 4111111111111112, <EMAIL_1>. Mail jane.doe@example.com again.";
}
