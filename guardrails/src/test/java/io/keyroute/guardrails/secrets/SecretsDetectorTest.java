package io.keyroute.guardrails.secrets;

import io.keyroute.guardrails.Finding;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsDetectorTest {
    private final FakeKeys keys = new FakeKeys(7);
    private final SecretsDetector detector = SecretsDetector.all("secrets");

    @Test
    void findsEachCredentialAtItsExactSpan() {
        String key = keys.anthropic();
        String jwt = keys.jwt();
        String text = "key " + key + " and token " + jwt + ".";

        assertThat(detector.scan(text)).containsExactly(
                new Finding(SecretTypes.ANTHROPIC_API_KEY, 4, 4 + key.length(), 0.99),
                new Finding(SecretTypes.JWT, text.indexOf(jwt), text.indexOf(jwt) + jwt.length(), 0.95));
    }

    @Test
    void aPastedDotEnvHasEveryCredentialFoundAndNothingElse() {
        String password = "Hunter2-" + keys.of(FakeKeys.BASE62, 10);
        String openAi = keys.openAiProject();
        String text = "PORT=8080\nDEBUG=true\nDB_PASSWORD=" + password + "\nOPENAI_API_KEY=\"" + openAi + "\"\nREGION=eu-west-1\n";

        assertThat(detector.scan(text)).extracting(Finding::entityType, f -> text.substring(f.start(), f.end()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SecretTypes.PASSWORD, password),
                        org.assertj.core.groups.Tuple.tuple(SecretTypes.OPENAI_API_KEY, openAi));
    }

    @Test
    void aScanFromAPositionReportsExactlyTheWholeScansFindingsFromThere() {
        List<String> texts = List.of(
                "OPENAI_API_KEY=" + keys.openAiLegacy() + "\nDB_PASSWORD=" + keys.of(FakeKeys.BASE62, 12) + "9",
                "x " + keys.jwt() + " y " + keys.github() + " z " + keys.of(FakeKeys.BASE62, 30),
                "{\"private_key\": \"" + keys.pem("PRIVATE KEY", 300, "\\n") + "\", \"auth_token\": \"" + keys.of(FakeKeys.BASE62, 20) + "\"}",
                "AccountName=a;AccountKey=" + keys.azureAccountKey() + ";x " + keys.awsAccessKeyId());
        for (String text : texts) {
            List<Finding> whole = detector.scan(text);
            assertThat(whole).isNotEmpty();
            for (int from = 0; from <= text.length(); from++) {
                int f = from;
                assertThat(detector.scan(text, from)).as("from %d of %s", from, text)
                        .isEqualTo(whole.stream().filter(x -> x.start() >= f).toList());
            }
        }
    }

    @Test
    void findingsAreOrderedAndNeverOverlap() {
        String text = "a=" + keys.keyroute() + " " + keys.google() + "," + keys.slack() + ";" + keys.gitlab()
                + "\n" + keys.pem("EC PRIVATE KEY", 100, "\n") + "\n" + keys.stripe();
        List<Finding> found = detector.scan(text);

        assertThat(found).hasSize(6);
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
        }
        assertThat(found).allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(detector.maxMatchLength()));
    }

    @Test
    void aPrivateKeyLongerThanABlockIsCoveredLineByLineBeyondIt() {
        String pem = keys.pem("RSA PRIVATE KEY", 6000, "\n");
        List<Finding> found = detector.scan(pem);

        assertThat(found.getFirst().entityType()).isEqualTo(SecretTypes.PRIVATE_KEY);
        int covered = found.stream().mapToInt(Finding::length).sum();
        int bodyLines = (int) pem.lines().filter(l -> !l.startsWith("-----")).count();
        assertThat(found.size() - 1).as("each line past the block").isGreaterThan(0);
        assertThat(covered).isGreaterThan(pem.length() - bodyLines - 64); // all but the line breaks and the END line
    }

    @Test
    void onlyTheConfiguredTypesAreReported() {
        var jwtOnly = new SecretsDetector("jwt-only", Set.of(SecretTypes.JWT));
        String jwt = keys.jwt();

        assertThat(jwtOnly.scan(keys.openAiLegacy() + " " + jwt)).extracting(Finding::entityType).containsExactly(SecretTypes.JWT);
        assertThatThrownBy(() -> new SecretsDetector("x", Set.of("email")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown secret types [email]");
    }

    @Test
    void aLargeBlobOrAFloodOfPrefixesIsReadInOnePass() {
        String blob = Base64.getEncoder().encodeToString(keys.bytes(300_000));
        String prefixes = "sk-".repeat(140_000);
        String pems = "-----BEGIN RSA PRIVATE KEY-----".repeat(13_000);

        assertThat(detector.scan("data:image/png;base64," + blob)).isEmpty();
        assertThat(detector.scan(prefixes)).isEmpty();
        assertThat(detector.scan(pems)).isNotEmpty().allSatisfy(f -> assertThat(f.entityType()).isEqualTo(SecretTypes.PRIVATE_KEY));
    }
}
