package io.keyroute.api.canonical;

import java.util.ArrayList;
import java.util.List;

/** One turn of a conversation. */
public record Message(Role role, List<Part> parts) {

    public Message {
        parts = List.copyOf(parts);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new Part.Text(text)));
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public String text() {
        return joinText(parts);
    }

    public <T extends Part> List<T> partsOf(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Part p : parts) {
            if (type.isInstance(p)) {
                out.add(type.cast(p));
            }
        }
        return out;
    }

    /**
     * The text parts joined: the one part's own string when there is one (a long tool result is not
     * copied), else one copy sized to fit.
     */
    static String joinText(List<Part> parts) {
        String only = "";
        int texts = 0;
        int length = 0;
        for (Part p : parts) {
            if (p instanceof Part.Text t) {
                only = t.text();
                texts++;
                length += only.length();
            }
        }
        if (texts < 2) {
            return only;
        }
        StringBuilder sb = new StringBuilder(length);
        for (Part p : parts) {
            if (p instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
