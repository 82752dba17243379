package io.keyroute.server.logging;

import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secrets;
import net.logstash.logback.mask.ValueMasker;
import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * Scrubs every string value the JSON encoder writes (message, MDC values, arguments, stack
 * trace), whatever field it lands in: registered literals first, so that a key-shaped fragment
 * of a literal cannot be masked on its own and leave the rest of it readable, then anything
 * shaped like a key.
 *
 * <p>The logger's, the thread's and the level's names come with every line, the same string objects again and
 * again: one found clean is remembered by identity ({@link CleanNames}) until a secret is
 * registered, so each line does not search them again. What is masked does not change: the
 * search is a function of the text and the registered secrets.
 */
public final class ScrubbingValueMasker implements ValueMasker {
    private final CleanNames clean = new CleanNames();

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        boolean name = CleanNames.isNameField(context);
        long generation = KnownSecrets.generation(); // read before the search: a secret registered during it voids the memo
        if (name && clean.holds(text, generation)) {
            return null;
        }
        String scrubbed = Secrets.scrub(KnownSecrets.mask(text));
        if (scrubbed.equals(text)) {
            if (name) {
                clean.remember(text, generation);
            }
            return null; // null tells the encoder to write the original value unchanged
        }
        return scrubbed;
    }
}
