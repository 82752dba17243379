package io.keyroute.guardrails.denylist;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * Operators' regular expressions, run by RE2/J: matching takes time linear in the text whatever
 * the pattern, so a pattern like {@code (a+)+$} cannot stall a request on a hostile 400 KB prompt.
 * What RE2 cannot do in linear time (back-references, look-around) is refused when the config is
 * loaded, with the pattern's index and RE2's reason.
 */
final class DenyPatterns {
    static final int MAX_PATTERN_LENGTH = 1000;

    private final List<Pattern> patterns;

    DenyPatterns(List<String> regexes, String what) {
        var compiled = new ArrayList<Pattern>(regexes.size());
        for (int i = 0; i < regexes.size(); i++) {
            String regex = regexes.get(i);
            if (regex == null || regex.isEmpty() || regex.length() > MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException(what + "[" + i + "] must be 1 to " + MAX_PATTERN_LENGTH + " characters");
            }
            try {
                Pattern pattern = Pattern.compile(regex);
                if (pattern.matcher("").matches()) {
                    throw new IllegalArgumentException(what + "[" + i + "] matches the empty text: it would match everywhere");
                }
                compiled.add(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(what + "[" + i + "] is not a pattern RE2 runs in linear time: "
                        + e.getDescription(), e);
            }
        }
        this.patterns = List.copyOf(compiled);
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Every match starting at or after {@code from}, as {@code [start, end)} pairs, of every pattern. */
    List<int[]> find(CharSequence text, int from) {
        List<int[]> found = new ArrayList<>(0);
        for (Pattern pattern : patterns) {
            var matcher = pattern.matcher(text);
            int at = from;
            while (at <= text.length() && matcher.find(at)) {
                if (matcher.end() > matcher.start()) {
                    found.add(new int[] {matcher.start(), matcher.end()});
                }
                at = Math.max(matcher.end(), matcher.start() + 1);
            }
        }
        return found;
    }
}
