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

    static String joinText(List<Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
