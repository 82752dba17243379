package io.keyroute.vault.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both Responses-state tables insert behind their callers ({@code WriteBehind}): under concurrent
 * saves, each caller reads its own write the moment its save returns (no retry, no sleep), only its
 * owner does, and a row that cannot be stored (a duplicate id) leaves the first one standing.
 */
class WriteBehindResponsesTest {
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final ServedBy SERVED_BY = new ServedBy("anthropic", "claude-sonnet-4-5", "cred_1");
    private static final int CALLERS = 16;
    private static final int TURNS = 20;

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00.123Z"));

    private VaultFixture fixture(TestDatabase db) {
        return new VaultFixture(db, VaultFixture.randomMasterKey(), null, clock);
    }

    private static ResponseItems items(String text) {
        return new ResponseItems(List.of("{\"type\":\"message\",\"role\":\"user\",\"content\":\"" + text + "\"}"),
                List.of("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"ok " + text + "\"}"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachCallerReadsItsOwnTurnTheMomentItsSaveReturns(TestDatabase db) {
        try (var f = fixture(db); ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            StoredResponses responses = f.vault.responses();
            List<CompletableFuture<Void>> conversations = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                var owner = new ResponseOwner("ws_1", "usr_" + c, "key_" + c);
                var stranger = new ResponseOwner("ws_1", "usr_other" + c, "key_other" + c);
                int caller = c;
                conversations.add(CompletableFuture.runAsync(() -> {
                    String previous = null;
                    for (int turn = 0; turn < TURNS; turn++) {
                        String id = "resp_" + caller + "_" + turn;
                        responses.save(new NewStoredResponse(id, owner, previous, SERVED_BY, items(id), null), RETENTION);
                        // What a previous_response_id, a GET, routing's affinity and a DELETE read next.
                        assertThat(responses.servedBy(id, owner)).contains(SERVED_BY);
                        assertThat(responses.find(id, owner)).hasValueSatisfying(r -> assertThat(r.items()).isEqualTo(items(id)));
                        assertThat(responses.chain(id, owner, 10_000, 1 << 20)).hasValueSatisfying(
                                chain -> assertThat(chain.responses()).isEqualTo(caller == 0 ? 1 : turnNumber(id) + 1));
                        assertThat(responses.find(id, stranger)).isEmpty();
                        previous = caller == 0 ? null : id; // caller 0 keeps single turns, deleting each
                        if (caller == 0) {
                            assertThat(responses.delete(id, owner)).isTrue();
                            assertThat(responses.find(id, owner)).isEmpty();
                        }
                    }
                }, callers));
            }
            conversations.forEach(CompletableFuture::join);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachPassedThroughRecordIsFoundTheMomentItsRecordReturns(TestDatabase db) {
        try (var f = fixture(db); ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            PassedThroughResponses records = f.vault.passedThroughResponses();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                var owner = new ResponseOwner("ws_1", "usr_" + c, "key_" + c);
                int caller = c;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int turn = 0; turn < TURNS; turn++) {
                        String id = "resp_pt_" + caller + "_" + turn;
                        records.record(id, owner, "openai", "gpt-4o-mini", "cred_" + caller, RETENTION);
                        assertThat(records.find(id)).hasValueSatisfying(r -> assertThat(r.ownedBy(owner)).isTrue());
                        assertThat(records.servedBy(id, owner)).contains(new ServedBy("openai", "gpt-4o-mini", "cred_" + caller));
                    }
                }, callers));
            }
            all.forEach(CompletableFuture::join);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDuplicateIdIsNotStoredAndTheFirstRowStandsForItsOwner(TestDatabase db) {
        try (var f = fixture(db)) {
            StoredResponses responses = f.vault.responses();
            var ada = new ResponseOwner("ws_1", "usr_ada", "key_ada");
            var bob = new ResponseOwner("ws_1", "usr_bob", "key_bob");
            responses.save(new NewStoredResponse("resp_dup", ada, null, SERVED_BY, items("one"), null), RETENTION);
            responses.save(new NewStoredResponse("resp_dup", bob, null, SERVED_BY, items("two"), null), RETENTION);

            assertThat(responses.find("resp_dup", ada).orElseThrow().items()).isEqualTo(items("one"));
            assertThat(responses.find("resp_dup", bob)).isEmpty();
            // An upstream that answers with an id another caller's response already has (a hostile
            // base_url) does not take that response over: the first record stands.
            PassedThroughResponses records = f.vault.passedThroughResponses();
            records.record("resp_pt_dup", ada, "openai", "gpt-4o-mini", "cred_1", RETENTION);
            records.record("resp_pt_dup", bob, "openai", "gpt-4o-mini", "cred_2", RETENTION);
            assertThat(records.find("resp_pt_dup")).hasValueSatisfying(r -> assertThat(r.ownedBy(ada)).isTrue());
            assertThat(records.servedBy("resp_pt_dup", bob)).isEmpty();
        }
    }

    private static int turnNumber(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('_') + 1));
    }
}
