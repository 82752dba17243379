package io.keyroute.server.experiments;

/** An estimate and its 95% confidence interval. */
public record Interval(double value, double low, double high) {

    /** Whether the interval lies wholly above or below 0: for a difference, whether it says which is larger. */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }
}
