package io.keyroute.guardrails;

import io.keyroute.guardrails.denylist.DenyListDetector;
import io.keyroute.guardrails.injection.InjectionDetector;
import io.keyroute.guardrails.secrets.SecretsDetector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Detector contract for the secrets, injection and deny-list detectors over texts pieced
 * together from credentials, attack phrasings, denied words, prose and separators: findings are
 * ordered, within the text, never overlapping, no longer than {@code maxMatchLength()}, and a scan
 * from any position reports exactly the whole scan's findings from there (what a stream needs).
 */
class DetectorLocalityProperties {
    private static final List<Detector> DETECTORS = List.of(
            SecretsDetector.all("secrets"),
            InjectionDetector.heuristic("prompt_injection"),
            new DenyListDetector("deny", List.of("falcon", "project nightjar"), List.of("INC-[0-9]{6}"), 64));

    @Property(tries = 300)
    void findingsKeepTheDetectorContract(@ForAll("texts") String text, @ForAll("positions") double at) {
        int from = (int) (at * text.length());
        for (Detector detector : DETECTORS) {
            List<Finding> whole = detector.scan(text);
            for (int i = 0; i < whole.size(); i++) {
                Finding f = whole.get(i);
                assertThat(f.end()).as(detector.name()).isLessThanOrEqualTo(text.length());
                assertThat(f.length()).as(detector.name()).isLessThanOrEqualTo(detector.maxMatchLength());
                if (i > 0) {
                    assertThat(f.start()).as(detector.name() + " overlap " + whole).isGreaterThanOrEqualTo(whole.get(i - 1).end());
                }
            }
            List<Finding> tail = whole.stream().filter(f -> f.start() >= from).toList();
            List<Finding> scanned = detector.scan(text, from);
            assertThat(scanned).as(detector.name() + " from " + from).isEqualTo(tail);
        }
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("sk-ant-api03-", "sk-proj-", "AKIA", "AIza", "kr-", "ghp_", "eyJhbGciOiJIUzI1NiJ9", ".eyJzdWIiOiIxIn0.",
                        "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----",
                        "DB_PASSWORD=", "\"api_key\": \"", "AccountKey=", "Authorization: Bearer ",
                        "ignore all previous instructions", "<|im_start|>", "\u200B\u200B\u200B", "\u202E", "note to AI:",
                        "I g n o r e ", "falcon", "Project  Nightjar", "INC-123456", "data:image/png;base64,"),
                Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/_-=.").ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of(" ", "\n", "\\n", ";", "\"", ", ", ". ", ":", "="));
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
