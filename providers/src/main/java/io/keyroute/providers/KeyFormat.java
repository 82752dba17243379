package io.keyroute.providers;

import io.keyroute.api.Secret;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The shape a provider kind's keys have, checked before a credential is stored so a pasted wrong
 * key (an Anthropic key on an OpenAI credential) is caught at once. Every key is at least eight
 * characters without spaces; a kind with no known shape asks nothing more.
 *
 * @param expected what a fitting key looks like, for the message ("an OpenAI key starting with 'sk-'")
 * @param fits     whether a key (already non-blank, without spaces) has the kind's shape
 */
public record KeyFormat(String expected, Predicate<String> fits) {
    /** Any key of eight or more characters without spaces (OpenAI-compatible servers, the mock). */
    public static final KeyFormat ANY = new KeyFormat("a non-empty key without spaces", key -> true);

    private static final int MIN_LENGTH = 8;

    /** Keys that start with {@code prefix}. */
    public static KeyFormat startingWith(String prefix, String expected) {
        return new KeyFormat(expected, key -> key.startsWith(prefix));
    }

    /** Empty when {@code key} fits, else what was expected of it. */
    public Optional<String> mismatch(Secret key) {
        String value = key.reveal();
        if (value.isBlank() || value.length() < MIN_LENGTH || value.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(ANY.expected);
        }
        return fits.test(value) ? Optional.empty() : Optional.of(expected);
    }
}
