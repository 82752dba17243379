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
 */
public final class ScrubbingValueMasker implements ValueMasker {
    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        String scrubbed = Secrets.scrub(KnownSecrets.mask(text));
        // null tells the encoder to write the original value unchanged.
        return scrubbed.equals(text) ? null : scrubbed;
    }
}
