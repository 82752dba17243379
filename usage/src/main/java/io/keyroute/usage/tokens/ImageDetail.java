package io.keyroute.usage.tokens;

import java.util.Locale;

/**
 * An image's {@code detail} as OpenAI's vision guide defines it, and what it costs in prompt tokens
 * when the image's size is unknown (an estimate never downloads or decodes images).
 *
 * <p>Source: OpenAI, "Images and vision", calculating costs, GPT-4o's tile formula: a {@code low}
 * detail image is 85 tokens whatever its size; a {@code high} (and {@code auto}) one is 85 + 170
 * per 512 px tile after scaling to fit 2048 × 2048 and then to a shortest side of 768. Unknown
 * size: we assume 1024 × 1024, a common size, which scales to 768 × 768 = 4 tiles → 85 + 4 × 170 =
 * 765 tokens. OpenAI prices images for some other models with other base and tile numbers or a
 * patch formula; an estimate uses GPT-4o's for all.
 */
public enum ImageDetail {
    LOW(85), HIGH(765), AUTO(765);

    private final int tokens;

    ImageDetail(int tokens) {
        this.tokens = tokens;
    }

    public int tokens() {
        return tokens;
    }

    /** {@code low}, {@code high} or {@code auto}; anything else or absent is {@code auto}, as OpenAI defaults. */
    public static ImageDetail of(String detail) {
        return switch (detail == null ? "" : detail.toLowerCase(Locale.ROOT)) {
            case "low" -> LOW;
            case "high" -> HIGH;
            default -> AUTO;
        };
    }
}
