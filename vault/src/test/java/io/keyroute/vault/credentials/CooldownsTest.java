package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a pooled key rests: a 429 briefly (its Retry-After, else 30 s), a spent quota for an hour. */
class CooldownsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final Cooldowns cooldowns = new Cooldowns(clock);
    private final List<StoredCredential> pool = List.of(credential("cred_a"), credential("cred_b"));

    @Test
    void aRateLimitRestsTheKeyForItsRetryAfterOrThirtySeconds() {
        cooldowns.rateLimited("cred_a", Duration.ofSeconds(5));
        assertThat(cooldowns.pick(pool).id()).isEqualTo("cred_b");
        clock.advance(Duration.ofSeconds(5));
        assertThat(cooldowns.pick(pool).id()).isEqualTo("cred_a");

        cooldowns.rateLimited("cred_a", null);
        clock.advance(Duration.ofSeconds(29));
        assertThat(cooldowns.pick(pool).id()).isEqualTo("cred_b");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cooldowns.pick(pool).id()).isEqualTo("cred_a");
    }

    @Test
    void aSpentQuotaRestsTheKeyForAnHour() {
        cooldowns.quotaExhausted("cred_a");
        clock.advance(Duration.ofMinutes(59));
        assertThat(cooldowns.pick(pool).id()).isEqualTo("cred_b");
        clock.advance(Duration.ofMinutes(1));
        assertThat(cooldowns.pick(pool).id()).isEqualTo("cred_a");
    }

    private static StoredCredential credential(String id) {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        return new StoredCredential(id, Owner.user("user_1"), "openai", id, "sk-…abcd", null, id.endsWith("a"), true, 1,
                at, at, null, null);
    }
}
