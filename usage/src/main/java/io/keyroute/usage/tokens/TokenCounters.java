package io.keyroute.usage.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;

/**
 * The counter for a model, chosen by its name. OpenAI models get their own encoding: o200k_base
 * for gpt-4o, gpt-4.1, gpt-5, the o-series and gpt-oss; cl100k_base for gpt-4, gpt-3.5 and the
 * embeddings (as tiktoken's model table has them). jtokkit's own {@code getEncodingForModel} is
 * not used: it maps gpt-4.1 to cl100k_base by its "gpt-4" prefix and knows no gpt-5 or o-series.
 * Every other model gets the {@link ApproximateTokenCounter}.
 */
public final class TokenCounters {
    private static final List<String> O200K = List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-oss",
            "o1", "o3", "o4");
    private static final List<String> CL100K = List.of("gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3",
            "text-embedding-ada");

    /** Encodings load on first use (each takes a fraction of a second and some MB). */
    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();

    /** @param model the upstream model name, e.g. {@code gpt-4o-mini} (a {@code provider/} prefix is ignored) */
    public TokenCounter forModel(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (matches(name, O200K)) {
            return chatMl(EncodingType.O200K_BASE);
        }
        if (matches(name, CL100K)) {
            return chatMl(EncodingType.CL100K_BASE);
        }
        return new ApproximateTokenCounter(chatMl(EncodingType.O200K_BASE));
    }

    private TokenCounter chatMl(EncodingType type) {
        return new ChatMlTokenCounter(registry.getEncoding(type));
    }

    /** The family's name itself, or it followed by a version or size suffix ({@code o3-mini}, {@code gpt-4o-2024-08-06}). */
    private static boolean matches(String name, List<String> families) {
        for (String family : families) {
            if (name.equals(family) || name.startsWith(family + "-") || name.startsWith(family + ".")) {
                return true;
            }
        }
        return false;
    }
}
