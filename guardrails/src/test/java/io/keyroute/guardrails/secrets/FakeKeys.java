package io.keyroute.guardrails.secrets;

import java.util.Base64;
import java.util.Random;

/** Credentials of each family's published shape, drawn from a seeded random: never a real key. */
final class FakeKeys {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String URL_SAFE = BASE62 + "_-";
    private static final String HEX = "0123456789abcdef";
    private static final String UPPER_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Random random;

    FakeKeys(long seed) {
        this.random = new Random(seed);
    }

    String of(String alphabet, int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    String openAiLegacy() {
        return "sk-" + of(BASE62, 20) + "T3BlbkFJ" + of(BASE62, 20);
    }

    String openAiProject() {
        return "sk-proj-" + of(URL_SAFE, 156);
    }

    String anthropic() {
        return "sk-ant-api03-" + of(URL_SAFE, 93) + "AA";
    }

    String google() {
        return "AIza" + of(URL_SAFE, 35);
    }

    String deepSeek() {
        return "sk-" + of(HEX, 32);
    }

    String keyroute() {
        return "kr-" + of(BASE62, 43);
    }

    String awsAccessKeyId() {
        return "AKIA" + of(UPPER_DIGITS, 16);
    }

    String awsSecretAccessKey() {
        return of(BASE62 + "+/", 40);
    }

    String github() {
        return "ghp_" + of(BASE62, 36);
    }

    String githubFineGrained() {
        return "github_pat_" + of(BASE62, 22) + "_" + of(BASE62, 59);
    }

    String gitlab() {
        return "glpat-" + of(URL_SAFE, 20);
    }

    String slack() {
        return "xoxb-" + of("0123456789", 12) + "-" + of("0123456789", 13) + "-" + of(BASE62, 24);
    }

    String stripe() {
        return "sk_live_" + of(BASE62, 99);
    }

    String azureAccountKey() {
        return Base64.getEncoder().encodeToString(bytes(64));
    }

    String jwt() {
        var url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String payload = url.encodeToString(("{\"sub\":\"" + of(BASE62, 10) + "\",\"iat\":1516239022}").getBytes());
        return header + "." + payload + "." + url.encodeToString(bytes(32));
    }

    /** A PKCS#8 PEM block of {@code bodyBytes} random bytes, lines of 64, joined by {@code lineBreak}. */
    String pem(String label, int bodyBytes, String lineBreak) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(bytes(bodyBytes)).replace("\n", lineBreak);
        return "-----BEGIN " + label + "-----" + lineBreak + body + lineBreak + "-----END " + label + "-----";
    }

    String gitSha() {
        return of(HEX, 40);
    }

    String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
