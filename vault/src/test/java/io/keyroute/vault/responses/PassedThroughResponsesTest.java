package io.keyroute.vault.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records of the responses an upstream keeps itself: found for anyone (a continuation must tell
 * another owner's id from an unknown one), served-by only for their owner, deleted by their owner
 * only, gone once expired and purged by time.
 */
class PassedThroughResponsesTest {
    private static final Duration RETENTION = Duration.ofDays(30);

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T05:00:00.123Z"));
    private final ResponseOwner ada = new ResponseOwner("ws_1", "usr_ada", "key_ada");
    private final ResponseOwner bob = new ResponseOwner("ws_1", "usr_bob", "key_bob");

    private VaultFixture fixture(TestDatabase db) {
        return new VaultFixture(db, VaultFixture.randomMasterKey(), null, clock);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordNamesItsOwnerAndTheKeyThatMadeIt(TestDatabase db) {
        try (var f = fixture(db)) {
            PassedThroughResponses records = f.vault.passedThroughResponses();
            records.record("resp_a", ada, "openai", "gpt-4o-mini", "cred_ws", RETENTION);
            records.record("resp_s", ada, "openai", "gpt-4o-mini", "system:openai", RETENTION);

            PassedThroughResponse found = records.find("resp_a").orElseThrow();
            assertThat(found.owner()).isEqualTo(ada);
            assertThat(found.credentialId()).isEqualTo("cred_ws");
            assertThat(found.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
            assertThat(found.expiresAt()).isEqualTo(found.createdAt().plus(RETENTION));
            assertThat(found.ownedBy(new ResponseOwner("ws_1", "usr_ada", "key_ada2"))).as("whichever key of hers").isTrue();
            assertThat(found.ownedBy(bob)).isFalse();
            assertThat(records.servedBy("resp_a", ada)).contains(new ServedBy("openai", "gpt-4o-mini", "cred_ws"));
            assertThat(records.servedBy("resp_s", ada)).contains(new ServedBy("openai", "gpt-4o-mini", null));
            assertThat(records.servedBy("resp_a", bob)).isEmpty();
            assertThat(records.servedBy("resp_unknown", ada)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyTheOwnerDeletesARecord(TestDatabase db) {
        try (var f = fixture(db)) {
            PassedThroughResponses records = f.vault.passedThroughResponses();
            records.record("resp_a", ada, "openai", "gpt-4o-mini", "cred_ws", RETENTION);

            assertThat(records.delete("resp_a", bob)).isFalse();
            assertThat(records.find("resp_a")).isPresent();
            assertThat(records.delete("resp_a", ada)).isTrue();
            assertThat(records.find("resp_a")).isEmpty();
            assertThat(records.delete("resp_a", ada)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExpiredRecordIsNeverFoundAndThePurgeRemovesOnlyExpiredRows(TestDatabase db) {
        try (var f = fixture(db)) {
            PassedThroughResponses records = f.vault.passedThroughResponses();
            records.record("resp_old", ada, "openai", "gpt-4o-mini", "cred_ws", Duration.ofDays(1));
            records.record("resp_new", ada, "openai", "gpt-4o-mini", "cred_ws", Duration.ofDays(3));

            clock.advance(Duration.ofDays(2));

            assertThat(records.find("resp_old")).isEmpty();
            assertThat(records.servedBy("resp_old", ada)).isEmpty();
            assertThat(rows(f)).isEqualTo(2);
            assertThat(records.purgeExpired(clock.instant())).isEqualTo(1);
            assertThat(rows(f)).isEqualTo(1);
            assertThat(records.find("resp_new")).isPresent();
        }
    }

    private static long rows(VaultFixture f) {
        f.vault.passedThroughResponses().flush();
        return f.vault.database().jdbc().queryOne("SELECT COUNT(*) FROM passed_through_responses", rs -> rs.getLong(1))
                .orElseThrow();
    }
}
