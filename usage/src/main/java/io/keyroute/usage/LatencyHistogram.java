package io.keyroute.usage;

import java.util.stream.IntStream;

/**
 * The fixed latency buckets a daily roll-up row counts its requests in, so percentiles of several days and groups
 * can be merged (a percentile cannot be summed). Bucket 0 holds latencies under 1 ms, buckets 1 to 84 each span a
 * factor of 2<sup>1/4</sup> (bucket {@code i} is [1 ms·2<sup>(i-1)/4</sup>, 1 ms·2<sup>i/4</sup>)), up to
 * 2<sup>21</sup> ms (35 min), and bucket 85 everything longer. A percentile read from merged buckets is the
 * bucket's geometric middle kept within the group's lowest and highest latency, so it lies in the bucket of the
 * exact nearest-rank value: within 2<sup>1/8</sup> (±9.1 %) of it from 1 ms to 35 min, within 0.5 ms under
 * 1 ms, and a lower bound above 35 min.
 */
final class LatencyHistogram {
    static final int BUCKETS = 86;
    private static final long FIRST_US = 1_000;
    /** {@code UPPER[i]}: bucket i's exclusive upper bound in µs (the last bucket has none). */
    private static final long[] UPPER = IntStream.range(0, BUCKETS - 1)
            .mapToLong(i -> Math.round(FIRST_US * Math.pow(2, i / 4.0))).toArray();

    private LatencyHistogram() {
    }

    /** Bucket i's column in a roll-up row: {@code l00} … {@code l85}. */
    static String column(int bucket) {
        return "l%02d".formatted(bucket);
    }

    /** The bucket of a latency. */
    static int bucketOf(long latencyMicros) {
        int bucket = 0;
        while (bucket < UPPER.length && latencyMicros >= UPPER[bucket]) {
            bucket++;
        }
        return bucket;
    }

    /** SQL for the bucket of {@code latency} (a column in µs): a balanced CASE tree, seven comparisons a row. */
    static String bucketSql(String latency) {
        return tree(latency, 0, BUCKETS - 1);
    }

    private static String tree(String latency, int low, int high) {
        if (low == high) {
            return Integer.toString(low);
        }
        int middle = (low + high) / 2;
        return "CASE WHEN " + latency + " < " + UPPER[middle] + " THEN " + tree(latency, low, middle) + " ELSE "
                + tree(latency, middle + 1, high) + " END";
    }

    /**
     * The nearest-rank latency of {@code rank} (1-based) among the requests counted in {@code counts}, as its
     * bucket tells it, within [{@code lowest}, {@code highest}], the group's extremes.
     */
    static long ranked(long[] counts, long rank, long lowest, long highest) {
        long seen = 0;
        int bucket = 0;
        while (bucket < BUCKETS - 1 && seen + counts[bucket] < rank) {
            seen += counts[bucket];
            bucket++;
        }
        return Math.clamp(middle(bucket), lowest, highest);
    }

    private static long middle(int bucket) {
        if (bucket == 0) {
            return FIRST_US / 2;
        }
        if (bucket == BUCKETS - 1) {
            return UPPER[bucket - 1];
        }
        return Math.round(Math.sqrt((double) UPPER[bucket - 1] * UPPER[bucket]));
    }
}
