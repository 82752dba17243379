package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.UsageLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A key's {@code expires_at}: it works until then and fails with 401 from that instant, cached or not. */
class KeyExpiryTest {
    private static final String OPENAI_KEY = "sk-proj-" + "KeyExpiryKeyExpiryKeyExpiry001";

    @Test
    void anExpiredKeyFailsAtOnce() throws Exception {
        var vaultClock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (var upstream = FakeOpenAi.start(OPENAI_KEY);
             var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl(), UsageLedger.Settings.DEFAULT, vaultClock)) {
            Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
            Instant expires = vaultClock.instant().plus(Duration.ofHours(1));
            Response issued = g.call("POST", "/api/v1/users/me/keys", t.bobKey(),
                    "{\"name\":\"short-lived\",\"expires_at\":\"" + expires + "\"}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            assertThat(Instant.parse(issued.text("expires_at"))).isEqualTo(expires);
            String key = issued.text("key");
            assertThat(g.chat(key, null).status()).isEqualTo(200); // and now cached

            vaultClock.advance(Duration.ofMinutes(59));
            assertThat(g.chat(key, null).status()).isEqualTo(200);
            vaultClock.advance(Duration.ofMinutes(1));
            Response expired = g.chat(key, null);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(g.call("GET", "/api/v1/users/me/keys", key, null).status()).isEqualTo(401);
            // Listed (so it can be seen and revoked) with its expiry; the user's other key still works.
            Response listed = g.call("GET", "/api/v1/users/me/keys", t.bobKey(), null);
            assertThat(listed.json().findValuesAsText("expires_at")).contains(issued.text("expires_at"));
            assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200);
        }
    }
}
