package io.keyroute.server.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The intervals against values published for them, and their edge cases. */
class IntervalsTest {
    @Test
    void wilsonMatchesNewcombesTable() {
        // Newcombe (1998), Statistics in Medicine 17:857-872, table I: 81/263 → 0.2553 to 0.3662; 15/148 → 0.0624 to 0.1605.
        Interval a = Intervals.wilson(81, 263).orElseThrow();
        assertThat(a.low()).isCloseTo(0.2553, offset(5e-5));
        assertThat(a.high()).isCloseTo(0.3662, offset(5e-5));
        Interval b = Intervals.wilson(15, 148).orElseThrow();
        assertThat(b.low()).isCloseTo(0.0624, offset(5e-5));
        assertThat(b.high()).isCloseTo(0.1605, offset(5e-5));
        // No events still has an upper bound: 0/10 → 0 to 0.2775.
        Interval none = Intervals.wilson(0, 10).orElseThrow();
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.2775, offset(5e-5));
        assertThat(Intervals.wilson(0, 0)).isEmpty();
    }

    @Test
    void rateDifferenceMatchesNewcombesMethodTen() {
        // Newcombe (1998), table II, example (a) 56/70 − 48/80: 0.2000, method 10 → 0.0524 to 0.3339.
        Interval d = Intervals.rateDifference(56, 70, 48, 80).orElseThrow();
        assertThat(d.value()).isCloseTo(0.2, offset(1e-12));
        assertThat(d.low()).isCloseTo(0.0524, offset(5e-5));
        assertThat(d.high()).isCloseTo(0.3339, offset(5e-5));
        assertThat(d.excludesZero()).isTrue();
    }

    @Test
    void meanIsStudentsT() {
        // 1..10: mean 5.5, s² = 55/6; t(0.975, 9) = 2.262157163.
        Interval m = Intervals.mean(10, 55, 385).orElseThrow();
        double half = 2.262157162798205 * Math.sqrt(55.0 / 6 / 10);
        assertThat(m.value()).isEqualTo(5.5);
        assertThat(m.low()).isCloseTo(5.5 - half, offset(1e-8));
        assertThat(m.high()).isCloseTo(5.5 + half, offset(1e-8));
        assertThat(Intervals.mean(1, 3, 9)).isEmpty();
        Interval same = Intervals.mean(4, 8, 16).orElseThrow();
        assertThat(same.low()).isEqualTo(2.0);
        assertThat(same.high()).isEqualTo(2.0);
    }

    @Test
    void meanDifferenceIsWelch() {
        // 11..20 minus 1..10: equal variances and sizes, so 18 degrees of freedom; t(0.975, 18) = 2.100922040.
        Interval d = Intervals.meanDifference(10, 155, 2485, 10, 55, 385).orElseThrow();
        double half = 2.10092204024096 * Math.sqrt(2 * 55.0 / 6 / 10);
        assertThat(d.value()).isEqualTo(10.0);
        assertThat(d.low()).isCloseTo(10 - half, offset(1e-8));
        assertThat(d.high()).isCloseTo(10 + half, offset(1e-8));
        assertThat(Intervals.meanDifference(1, 1, 1, 10, 55, 385)).isEmpty();
    }
}
