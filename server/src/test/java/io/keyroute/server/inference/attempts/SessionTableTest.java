package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.keyroute.catalog.Target;
import io.keyroute.server.auth.Caller;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The session affinity table: forgotten after its idle spell (on a moved ticker, no waiting), keyed
 * so no caller ever reads another's entry, session ids past their bound ignored. Its size bound:
 * {@link SessionTablePropertyTest}.
 */
class SessionTableTest {
    private static final KeptRoute SONNET = new KeptRoute(Target.parse("anthropic/claude-sonnet-4-5"), "cred_1");
    private static final KeptRoute FLASH = new KeptRoute(Target.parse("gemini/gemini-2.5-flash"), null);
    private static final Caller ADA = Caller.unrestricted("key_ada", "usr_ada");

    private static SessionKey key(Caller caller, String session) {
        return SessionKey.of(caller, session, "auto").orElseThrow();
    }

    @Test
    void anIdleSessionIsForgottenAndAUsedOneIsNot() {
        var now = new AtomicLong();
        Ticker ticker = now::get;
        var table = new SessionTable(100, Duration.ofMinutes(60), ticker);
        table.keep(key(ADA, "idle"), SONNET);
        table.keep(key(ADA, "busy"), FLASH);

        now.addAndGet(Duration.ofMinutes(40).toNanos());
        assertThat(table.get(key(ADA, "busy"))).contains(FLASH); // a read counts as use
        now.addAndGet(Duration.ofMinutes(21).toNanos());

        assertThat(table.get(key(ADA, "idle"))).isEmpty();
        assertThat(table.get(key(ADA, "busy"))).contains(FLASH);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void theSameSessionIdOfAnotherCallerOrForAnotherModelIsAnotherSession() {
        var table = new SessionTable(100, Duration.ofHours(1));
        table.keep(key(ADA, "s-1"), SONNET);

        assertThat(table.get(key(ADA, "s-1"))).contains(SONNET);
        assertThat(table.get(key(Caller.unrestricted("key_ada_2", "usr_ada"), "s-1")))
                .as("a user's sessions are theirs whichever of their keys asks").contains(SONNET);
        assertThat(table.get(key(Caller.unrestricted("key_bob", "usr_bob"), "s-1"))).isEmpty();
        assertThat(table.get(key(Caller.unrestricted("key_ada", null), "s-1")))
                .as("a key without a user is its own caller").isEmpty();
        assertThat(table.get(SessionKey.of(ADA, "s-1", "claude-haiku-4-5").orElseThrow())).isEmpty();
    }

    @Test
    void aSessionIdPastItsBoundOrBlankIsNone() {
        assertThat(SessionKey.of(ADA, "s".repeat(SessionKey.MAX_SESSION_CHARS), "auto")).isPresent();
        assertThat(SessionKey.of(ADA, "s".repeat(SessionKey.MAX_SESSION_CHARS + 1), "auto")).isEmpty();
        assertThat(SessionKey.of(ADA, " ", "auto")).isEmpty();
        assertThat(SessionKey.of(ADA, null, "auto")).isEmpty();
    }

    @Test
    void aBoundOfZeroRemembersNothing() {
        var table = new SessionTable(0, Duration.ofHours(1));
        table.keep(key(ADA, "s-1"), SONNET);

        assertThat(table.get(key(ADA, "s-1"))).isEmpty();
    }
}
