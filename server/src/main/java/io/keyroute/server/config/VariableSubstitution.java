package io.keyroute.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config text with values from an
 * environment map; <code>$${</code> is a literal <code>${</code>. As in a shell, the default applies when
 * the variable is unset or empty, and may itself hold references ({@code ${A:-${B:-}}}).
 * A substituted value is inserted as is and never scanned again, so a value containing
 * {@code ${X}} stays literal. YAML comments are copied untouched, so a commented-out line
 * naming an unset variable is not an error.
 */
final class VariableSubstitution {
    private final Map<String, String> env;

    VariableSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The substituted text; every unset variable and malformed reference is reported at once. */
    String apply(String text, String source) {
        if (!text.contains("${")) {
            return text;
        }
        var problems = new ArrayList<String>();
        var out = new StringBuilder(text.length());
        int lineNumber = 1;
        for (String line : text.split("(?<=\n)", -1)) {
            int comment = commentStart(line);
            var scan = new LineScan(line.substring(0, comment), source, lineNumber, problems);
            out.append(scan.substitute(0, comment)).append(line, comment, line.length());
            lineNumber++;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out.toString();
    }

    /**
     * Where a YAML comment starts: a {@code #} at the line start or after whitespace. A line with
     * a quote before that point is substituted whole, since the {@code #} may sit inside a string.
     */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' || c == '"') {
                return line.length();
            }
            if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return line.length();
    }

    /** One line's references; references never span lines. */
    private final class LineScan {
        private final String text;
        private final String source;
        private final int lineNumber;
        private final List<String> problems;

        LineScan(String text, String source, int lineNumber, List<String> problems) {
            this.text = text;
            this.source = source;
            this.lineNumber = lineNumber;
            this.problems = problems;
        }

        /** Substitutes {@code text[from, to)}. */
        String substitute(int from, int to) {
            var out = new StringBuilder(to - from);
            int i = from;
            while (i < to) {
                if (text.startsWith("$${", i)) {
                    out.append("${");
                    i += 3;
                } else if (text.startsWith("${", i)) {
                    i = reference(i, to, out);
                } else {
                    out.append(text.charAt(i++));
                }
            }
            return out.toString();
        }

        /** Appends the value of the reference at {@code start}; returns the index after it. */
        private int reference(int start, int to, StringBuilder out) {
            int nameStart = start + 2;
            int nameEnd = nameStart;
            while (nameEnd < to && isNameChar(text.charAt(nameEnd), nameEnd == nameStart)) {
                nameEnd++;
            }
            String name = text.substring(nameStart, nameEnd);
            if (!name.isEmpty() && nameEnd < to && text.charAt(nameEnd) == '}') {
                String value = env.get(name);
                if (value == null) {
                    problems.add(at() + "environment variable " + name + " is not set and has no default"
                            + " (write ${" + name + ":-} to make it optional)");
                    value = "";
                }
                out.append(value);
                return nameEnd + 1;
            }
            int close = name.isEmpty() || !text.startsWith(":-", nameEnd) ? -1 : closingBrace(nameEnd + 2, to);
            if (close < 0) {
                problems.add(at() + "malformed variable reference at column " + (start + 1)
                        + " (write ${NAME} or ${NAME:-default}; $${ is a literal ${)");
                out.append(text, start, to);
                return to;
            }
            String value = env.get(name);
            out.append(value == null || value.isEmpty() ? substitute(nameEnd + 2, close) : value);
            return close + 1;
        }

        /** The brace closing a default that starts at {@code from}, skipping nested references. */
        private int closingBrace(int from, int to) {
            int depth = 0;
            for (int i = from; i < to; i++) {
                // An escaped $${ opens a level too: its own } belongs to it, not to the reference.
                if (text.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (text.charAt(i) == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
            }
            return -1;
        }

        private String at() {
            return source + ": line " + lineNumber + ": ";
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }
}
