package io.keyroute.routing;

import java.nio.charset.StandardCharsets;

/**
 * A split of callers between shares by weight that keeps each caller where it put them: a key (who
 * is asking, and what is split) hashes to a point in [0, 1), and the point falls in one share in
 * proportion to the weights. The same key lands in the same share while the weights stay the same;
 * over many keys the split converges to the weights. Shared by the {@code weighted} strategy and
 * A/B experiments.
 */
public final class StickySplit {
    private StickySplit() {
    }

    /**
     * The index of the share {@code key} lands in.
     *
     * @param weights each 0 or more, their sum greater than 0
     */
    public static int pick(String key, int[] weights) {
        long total = 0;
        for (int w : weights) {
            total += w;
        }
        double point = unit(key) * total;
        long cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (point < cumulative) {
                return i;
            }
        }
        return weights.length - 1; // not reached: the point is below the total
    }

    /** A stable, well-mixed hash of {@code key} in [0, 1): FNV-1a over UTF-8, then the SplitMix64 finalizer. */
    static double unit(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
