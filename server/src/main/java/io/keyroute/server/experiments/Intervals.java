package io.keyroute.server.experiments;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The 95% confidence intervals the experiments report. A rate (errors per request) is a binomial
 * proportion: Wilson's score interval, which stays inside [0, 1] and is right for rates near 0 and
 * small counts, where the normal approximation is not. A mean (cost per request) uses Student's t:
 * mean ± t(0.975, n−1)·s/√n, exact for normal costs and, by the central limit theorem, close for the
 * hundreds of requests an experiment is read at (a bootstrap would need every row in memory; these
 * need only the ledger's count, sum and sum of squares). Differences against the first arm: Newcombe's
 * hybrid score interval (built from the two Wilson intervals) for rates, Welch's t interval (unequal
 * variances, Welch–Satterthwaite degrees of freedom) for means.
 */
final class Intervals {
    /** The standard normal's 97.5th percentile. */
    static final double Z = 1.959963984540054;
    private static final double UPPER = 0.975;

    private Intervals() {
    }

    /** {@code events} of {@code n} trials; empty without trials. */
    static Optional<Interval> wilson(long events, long n) {
        if (n <= 0) {
            return Optional.empty();
        }
        double p = (double) events / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Optional.of(new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half)));
    }

    /** The mean of {@code n} values with this sum and sum of squares; empty below 2 values. */
    static Optional<Interval> mean(long n, double sum, double squares) {
        if (n < 2) {
            return Optional.empty();
        }
        double mean = sum / n;
        double half = t(n - 1) * Math.sqrt(variance(n, sum, squares) / n);
        return Optional.of(new Interval(mean, mean - half, mean + half));
    }

    /** The rate of {@code a} minus the rate of {@code b} (Newcombe's method 10); empty when either has no trials. */
    static Optional<Interval> rateDifference(long aEvents, long aN, long bEvents, long bN) {
        Optional<Interval> a = wilson(aEvents, aN);
        Optional<Interval> b = wilson(bEvents, bN);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        Interval x = a.get();
        Interval y = b.get();
        double d = x.value() - y.value();
        return Optional.of(new Interval(d,
                d - Math.sqrt(square(x.value() - x.low()) + square(y.high() - y.value())),
                d + Math.sqrt(square(x.high() - x.value()) + square(y.value() - y.low()))));
    }

    /** The mean of {@code a} minus the mean of {@code b} (Welch); empty when either has fewer than 2 values. */
    static Optional<Interval> meanDifference(long aN, double aSum, double aSquares, long bN, double bSum, double bSquares) {
        if (aN < 2 || bN < 2) {
            return Optional.empty();
        }
        double d = aSum / aN - bSum / bN;
        double va = variance(aN, aSum, aSquares) / aN;
        double vb = variance(bN, bSum, bSquares) / bN;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return Optional.of(new Interval(d, d, d)); // every value of each side the same: no spread to allow for
        }
        double df = square(va + vb) / (square(va) / (aN - 1) + square(vb) / (bN - 1));
        double half = t(df) * se;
        return Optional.of(new Interval(d, d - half, d + half));
    }

    /** The sample variance from the sums, never below 0 (rounding can push identical values' just under). */
    private static double variance(long n, double sum, double squares) {
        return Math.max(0, (squares - sum * sum / n) / (n - 1));
    }

    private static double t(double degreesOfFreedom) {
        // No random generator: only the quantile is asked for.
        return new TDistribution(null, degreesOfFreedom, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
                .inverseCumulativeProbability(UPPER);
    }

    private static double square(double x) {
        return x * x;
    }
}
