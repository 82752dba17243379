package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.catalog.Target;
import io.keyroute.server.auth.Caller;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** However many sessions callers open, the affinity table never holds more than its bound. */
class SessionTablePropertyTest {
    private static final KeptRoute SONNET = new KeptRoute(Target.parse("anthropic/claude-sonnet-4-5"), "cred_1");

    @Property(tries = 200)
    void neverHoldsMoreSessionsThanItsBound(
            @ForAll @IntRange(min = 0, max = 40) int bound,
            @ForAll @Size(max = 300) List<@AlphaChars @StringLength(min = 1, max = 8) String> sessions,
            @ForAll @IntRange(min = 1, max = 3) int callers) {
        var table = new SessionTable(bound, Duration.ofHours(1));
        for (int i = 0; i < sessions.size(); i++) {
            Caller caller = Caller.unrestricted("key_" + i % callers, "usr_" + i % callers);
            table.keep(SessionKey.of(caller, sessions.get(i), "auto").orElseThrow(), SONNET);
            assertThat(table.size()).isLessThanOrEqualTo(bound);
        }
    }
}
