package io.keyroute.guardrails.secrets;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Credentials in text: provider and service keys by their published shapes, AWS, GCP and Azure
 * credentials, PEM private keys, JWTs, values of secret-named fields (a pasted {@code .env}) and
 * random-looking tokens. One pass over the text's tokens ({@link Tokens}): a token is dismissed
 * on its first character or length unless it may be a credential, so a prompt of ordinary prose
 * costs a few nanoseconds a character.
 *
 * <p>Scores: a published shape or a PEM block 0.99, a JWT 0.95, a secret-named field's value 0.9,
 * a random-looking token 0.7.
 */
public final class SecretsDetector implements Detector {
    private static final double SHAPE_SCORE = 0.99;
    private static final double JWT_SCORE = 0.95;
    private static final double FIELD_SCORE = 0.9;
    private static final double RANDOM_SCORE = 0.7;
    private static final String JSON_PRIVATE_KEY = "\"private_key\"";

    private final String name;
    private final Set<String> entityTypes;

    /** Reports only {@code entityTypes} (a subset of {@link SecretTypes#ALL}). */
    public SecretsDetector(String name, Set<String> entityTypes) {
        var unknown = new ArrayList<>(entityTypes);
        unknown.removeAll(SecretTypes.ALL);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown secret types " + unknown + "; known: " + SecretTypes.ALL);
        }
        this.name = name;
        this.entityTypes = Set.copyOf(entityTypes);
    }

    /** Every type: what the {@code secrets} step does with no further configuration. */
    public static SecretsDetector all(String name) {
        return new SecretsDetector(name, SecretTypes.ALL);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxMatchLength() {
        return Assignments.LOOK_BEHIND + PemBlocks.MAX_LENGTH + 1;
    }

    @Override
    public List<Finding> scan(CharSequence text, int from) {
        List<Finding> found = null;
        int n = text.length();
        int i = tokenBoundary(text, scanStart(text, from));
        int[] matchEnd = new int[1];
        while (i < n) {
            if (!Tokens.isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            if (PemBlocks.startsAt(text, i) && !PemBlocks.isPrivate(text, i)) {
                i = Math.max(i + 1, PemBlocks.end(text, i)); // a certificate's body is random but public
                continue;
            }
            int tokenEnd = Tokens.end(text, i);
            Finding finding = classify(text, i, tokenEnd, matchEnd);
            if (finding != null && finding.start() >= from && entityTypes.contains(finding.entityType())) {
                found = found == null ? new ArrayList<>(2) : found;
                found.add(finding);
            }
            i = finding == null ? tokenEnd : Math.max(tokenEnd, finding.end());
            if (i < n && finding != null) {
                i = tokenBoundary(text, i);
            }
        }
        return found == null ? List.of() : found;
    }

    /**
     * Where to start reading so that findings from {@code from} on are those of a scan of the whole
     * text: before a field name whose value may start at {@code from}, or at the armour line of a
     * PEM block {@code from} may be inside.
     */
    private static int scanStart(CharSequence text, int from) {
        if (from == 0) {
            return 0;
        }
        int start = Math.max(0, from - Assignments.LOOK_BEHIND);
        int pem = PemBlocks.lastBeginBefore(text, from);
        return pem >= 0 ? Math.min(start, pem) : start;
    }

    /** The first token start at or after {@code at}: past the rest of a token {@code at} is inside of. */
    private static int tokenBoundary(CharSequence text, int at) {
        int i = at;
        if (i > 0 && Tokens.isTokenChar(text.charAt(i - 1))) {
            while (i < text.length() && Tokens.isTokenChar(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /** What the token {@code [start, end)} is or names, or null. */
    private static Finding classify(CharSequence text, int tokenStart, int end, int[] matchEnd) {
        int start = Tokens.afterSlashes(text, tokenStart, end);
        if (start == end) {
            return null;
        }
        Finding credential = credential(text, start, end, matchEnd, null);
        if (credential != null) {
            return credential;
        }
        var value = Assignments.after(text, tokenStart, end);
        if (value != null) {
            int valueTokenEnd = Tokens.isTokenChar(text.charAt(value.start())) ? Tokens.end(text, value.start()) : value.start();
            Finding known = valueTokenEnd > value.start()
                    ? credential(text, value.start(), valueTokenEnd, matchEnd, fieldName(text, tokenStart, end))
                    : null;
            return known != null ? known : new Finding(value.entityType(), value.start(), value.end(), FIELD_SCORE);
        }
        int trimmed = Tokens.withoutTrailingDots(text, start, end);
        return HighEntropy.isRandom(text, start, trimmed)
                ? new Finding(SecretTypes.HIGH_ENTROPY_TOKEN, start, trimmed, RANDOM_SCORE)
                : null;
    }

    /**
     * A credential recognised by its own shape at {@code start}: a PEM block, a known family, a JWT.
     * {@code field} is the JSON field it is the value of, if any.
     */
    private static Finding credential(CharSequence text, int start, int end, int[] matchEnd, String field) {
        if (PemBlocks.startsAt(text, start)) {
            int pemEnd = PemBlocks.isPrivate(text, start) ? PemBlocks.end(text, start) : -1;
            if (pemEnd > start) {
                String type = JSON_PRIVATE_KEY.equals(field) ? SecretTypes.GCP_SERVICE_ACCOUNT_KEY : SecretTypes.PRIVATE_KEY;
                return new Finding(type, start, pemEnd, SHAPE_SCORE);
            }
            return null;
        }
        var family = KeyFamilies.match(text, start, end, matchEnd);
        if (family != null) {
            return new Finding(family.entityType(), start, matchEnd[0], SHAPE_SCORE);
        }
        int jwtEnd = Jwts.end(text, start, end);
        return jwtEnd > start ? new Finding(SecretTypes.JWT, start, jwtEnd, JWT_SCORE) : null;
    }

    /** The field name with its quotes when quoted ({@code "private_key"}), to tell a service-account file. */
    private static String fieldName(CharSequence text, int start, int end) {
        boolean quoted = start > 0 && text.charAt(start - 1) == '"' && end < text.length() && text.charAt(end) == '"';
        return quoted ? text.subSequence(start - 1, end + 1).toString() : null;
    }
}
