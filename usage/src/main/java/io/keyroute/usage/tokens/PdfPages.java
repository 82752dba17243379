package io.keyroute.usage.tokens;

/**
 * An upper bound of a base64 PDF's pages, read from its bytes in one pass without a PDF library
 * (a budget's reservation and a token count must not parse a 30 MB document for real). It may count too many pages,
 * never too few, so anything it cannot read for sure is {@link #MAX_PAGES}.
 *
 * <p>It takes the larger of two counts: every {@code /Page} name (each page object has
 * {@code /Type /Page}; names in strings, streams or comments only add to it) and the largest
 * {@code /Count} (a page tree's number of pages, which some readers trust over the leaves they
 * find). Names are read with their {@code #xx} escapes decoded. A PDF whose objects may be
 * compressed out of sight ({@code /ObjStm}), whose {@code /Count} is an indirect reference, or that
 * has no {@code %PDF-} header in its first KiB, no page found, or invalid base64 is bounded by the
 * maximum.
 */
public final class PdfPages {
    /**
     * Pages assumed for a PDF whose pages cannot be counted (by URL, compressed objects, not a PDF):
     * the most any provider reads in one request, Gemini's 1,000 (Anthropic and OpenAI: 100).
     */
    public static final int MAX_PAGES = 1_000;
    /** Where a PDF reader looks for the header. */
    private static final int HEADER_WINDOW = 1_024;
    private static final byte[] HEADER = {'%', 'P', 'D', 'F', '-'};
    /** Names longer than this are none of the few this counter looks for. */
    private static final int NAME_LIMIT = 16;
    private static final int[] BASE64 = new int[128];

    static {
        java.util.Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

    private PdfPages() {
    }

    /** The pages of the PDF whose bytes {@code base64} encodes (whitespace allowed), at most {@link #MAX_PAGES}. */
    public static int bound(CharSequence base64) {
        var lexer = new Lexer();
        int bits = 0;
        int buffered = 0;
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (c == '=') {
                break;
            }
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            int value = c < 128 ? BASE64[c] : -1;
            if (value < 0) {
                return MAX_PAGES;
            }
            bits = bits << 6 | value;
            buffered += 6;
            if (buffered >= 8) {
                buffered -= 8;
                lexer.accept((bits >> buffered) & 0xFF);
            }
        }
        lexer.accept(' '); // ends the last token
        return lexer.pages();
    }

    /** PDF tokens as far as counting needs them: names, integers, and everything else as one kind. */
    private static final class Lexer {
        private enum Token { NONE, NAME, NUMBER, OTHER }

        private long offset;
        private int headerMatched;
        private boolean header;
        private Token token = Token.NONE;
        private final StringBuilder name = new StringBuilder(NAME_LIMIT);
        private int escape = -1; // hex digits read of a name's #xx escape, or -1
        private int escaped;
        private long number;
        private boolean otherIsR; // the OTHER token being read is exactly the keyword R

        private long pageNames;
        private long largestCount;
        private boolean unreadable;
        /** After {@code /Count}: 1 its number is next, 2 it was read, 3 a second number followed. */
        private int countState;
        private long pendingCount;

        void accept(int b) {
            header(b);
            offset++;
            if (token == Token.NAME && isRegular(b)) {
                nameByte(b);
                return;
            }
            if (token == Token.NUMBER && b >= '0' && b <= '9') {
                number = Math.min(number * 10 + (b - '0'), Integer.MAX_VALUE);
                return;
            }
            if (token == Token.OTHER && isRegular(b)) {
                otherIsR = false;
                return;
            }
            end();
            if (b == '/') {
                token = Token.NAME;
                name.setLength(0);
                escape = -1;
            } else if (b >= '0' && b <= '9') {
                token = Token.NUMBER;
                number = b - '0';
            } else if (b == '+' || b == '-' || b == '.') {
                token = Token.OTHER; // a sign or a real: a /Count is an integer (outlines' may be negative)
                otherIsR = false;
                if (countState == 1 && b == '-') {
                    token = Token.NUMBER;
                    number = 0;
                }
            } else if (isRegular(b)) {
                token = Token.OTHER;
                otherIsR = b == 'R';
            } else if (!isWhitespace(b)) {
                token = Token.OTHER; // a delimiter: ( ) < > [ ] { } %
                otherIsR = false;
                end();
            }
        }

        private void header(int b) {
            if (header || offset >= HEADER_WINDOW) {
                return;
            }
            headerMatched = b == HEADER[headerMatched] ? headerMatched + 1 : b == HEADER[0] ? 1 : 0;
            header = headerMatched == HEADER.length;
        }

        private void nameByte(int b) {
            if (escape >= 0) {
                int digit = Character.digit(b, 16);
                if (digit < 0) {
                    unreadable = true; // a malformed escape: what a reader makes of it is unknown
                    escape = -1;
                    return;
                }
                escaped = escaped << 4 | digit;
                if (++escape == 2) {
                    escape = -1;
                    appendToName(escaped);
                }
                return;
            }
            if (b == '#') {
                escape = 0;
                escaped = 0;
                return;
            }
            appendToName(b);
        }

        private void appendToName(int b) {
            if (name.length() <= NAME_LIMIT) {
                name.append((char) b);
            }
        }

        /** The token just read is complete. */
        private void end() {
            Token ended = token;
            token = Token.NONE;
            if (ended == Token.NAME && escape >= 0) {
                unreadable = true; // a name cut inside its #xx escape
                escape = -1;
            }
            switch (ended) {
                case NAME -> {
                    followCount(Token.NAME, false);
                    String n = name.toString();
                    if (n.equals("Page")) {
                        pageNames++;
                    } else if (n.equals("ObjStm")) {
                        unreadable = true;
                    } else if (n.equals("Count")) {
                        countState = 1;
                    }
                }
                case NUMBER -> followCount(Token.NUMBER, false);
                case OTHER -> followCount(Token.OTHER, otherIsR);
                case NONE -> {
                }
            }
        }

        /** A {@code /Count} is {@code n}, unless {@code n g R} makes it a reference to a number elsewhere. */
        private void followCount(Token ended, boolean isR) {
            switch (countState) {
                case 1 -> {
                    if (ended == Token.NUMBER) {
                        pendingCount = number;
                        countState = 2;
                    } else {
                        unreadable = true; // /Count followed by something other than a number
                        countState = 0;
                    }
                }
                case 2 -> {
                    if (ended == Token.NUMBER) {
                        countState = 3;
                    } else {
                        settleCount();
                    }
                }
                case 3 -> {
                    if (isR) {
                        unreadable = true;
                        countState = 0;
                    } else {
                        settleCount();
                    }
                }
                default -> {
                }
            }
        }

        private void settleCount() {
            largestCount = Math.max(largestCount, pendingCount);
            countState = 0;
        }

        int pages() {
            if (countState >= 2) {
                settleCount();
            }
            long pages = Math.max(pageNames, largestCount);
            if (!header || unreadable || pages == 0) {
                return MAX_PAGES;
            }
            return (int) Math.min(pages, MAX_PAGES);
        }

        private static boolean isWhitespace(int b) {
            return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
        }

        /** Neither whitespace nor a delimiter (PDF 32000-1, 7.2.2). */
        private static boolean isRegular(int b) {
            return !isWhitespace(b) && "()<>[]{}/%".indexOf(b) < 0;
        }
    }
}
