package io.keyroute.vault.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import io.keyroute.vault.crypto.Envelope;
import io.keyroute.vault.crypto.MasterKey;
import io.keyroute.vault.crypto.Sealed;
import io.keyroute.vault.crypto.VaultCryptoException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stored Responses conversations: sealed at rest, scoped to their owner, expiring, walked back within bounds. */
class StoredResponsesTest {
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final ServedBy SERVED_BY = new ServedBy("anthropic", "claude-sonnet-4-5", "cred_1");

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T04:00:00.123Z"));

    private VaultFixture fixture(TestDatabase db) {
        return new VaultFixture(db, VaultFixture.randomMasterKey(), null, clock);
    }

    private static ResponseOwner user(String userId, String keyId) {
        return new ResponseOwner("ws_1", userId, keyId);
    }

    private static ResponseItems items(String input, String output) {
        return new ResponseItems(List.of(message("user", input)), List.of(message("assistant", output)));
    }

    private static String message(String role, String text) {
        return "{\"type\":\"message\",\"role\":\"" + role + "\",\"content\":\"" + text + "\"}";
    }

    private static void save(VaultFixture f, String id, ResponseOwner owner, String previous, ResponseItems items) {
        f.vault.responses().save(new NewStoredResponse(id, owner, previous, SERVED_BY, items, body(id)), RETENTION);
    }

    /** A payload as sealed before {@link ResponseText}: format 1, each item list and the body as length-prefixed texts. */
    private static byte[] formatOne(ResponseItems items, String body) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            for (List<String> texts : List.of(items.input(), items.output(), List.of(body))) {
                out.writeInt(texts.size());
                for (String text : texts) {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static String body(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"response\",\"status\":\"completed\"}";
    }

    @ParameterizedTest
    @MethodSource("databases")
    void roundTripForTheOwnerWhicheverOfTheirKeysAsks(TestDatabase db) {
        try (var f = fixture(db)) {
            var ada = user("usr_ada", "key_1");
            var items = items("What is 2+2? ünïcödé 🙂", "4");
            save(f, "resp_1", ada, null, items);

            StoredResponse found = f.vault.responses().find("resp_1", user("usr_ada", "key_2")).orElseThrow();
            assertThat(found.id()).isEqualTo("resp_1");
            assertThat(found.previousResponseId()).isNull();
            assertThat(found.items()).isEqualTo(items);
            assertThat(found.body()).isEqualTo(body("resp_1"));
            assertThat(found.servedBy()).isEqualTo(SERVED_BY);
            assertThat(f.vault.responses().servedBy("resp_1", user("usr_ada", "key_2"))).contains(SERVED_BY);
            assertThat(found.owner()).isEqualTo(ada);
            assertThat(found.createdAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(found.expiresAt()).isEqualTo(found.createdAt().plus(RETENTION));
            // A caller without a user owns its responses by its key.
            var demo = new ResponseOwner(null, null, "key_demo");
            save(f, "resp_2", demo, null, items);
            assertThat(f.vault.responses().find("resp_2", demo)).isPresent();
            assertThat(f.vault.responses().find("resp_2", user(null, "key_other"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anotherOwnerGetsNothingAsIfTheIdWereUnknown(TestDatabase db) {
        try (var f = fixture(db)) {
            var ada = user("usr_ada", "key_1");
            var bob = user("usr_bob", "key_2");
            save(f, "resp_ada", ada, null, items("ada's secret plan", "noted"));
            var responses = f.vault.responses();

            assertThat(responses.find("resp_ada", bob)).isEmpty().isEqualTo(responses.find("resp_unknown", bob));
            assertThat(responses.servedBy("resp_ada", bob)).isEmpty();
            assertThat(responses.servedBy("resp_ada", ada)).contains(SERVED_BY);
            assertThat(responses.chain("resp_ada", bob, 100, 1_000_000)).isEmpty();
            assertThat(responses.delete("resp_ada", bob)).isFalse();
            assertThat(responses.find("resp_ada", ada)).isPresent();

            // Bob continuing from Ada's id (however he learnt it) gets none of her items.
            save(f, "resp_bob", bob, "resp_ada", items("bob asks", "bob hears"));
            Conversation bobs = responses.chain("resp_bob", bob, 100, 1_000_000).orElseThrow();
            assertThat(bobs.items()).containsExactlyElementsOf(items("bob asks", "bob hears").all());
            assertThat(bobs.ending()).isEqualTo(Conversation.Ending.BROKEN);

            assertThat(responses.delete("resp_ada", ada)).isTrue();
            assertThat(responses.find("resp_ada", ada)).isEmpty();
            assertThat(responses.delete("resp_ada", ada)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noPlaintextOfThePayloadInAnyRowOrFile(TestDatabase db) throws Exception {
        try (var f = fixture(db)) {
            String question = "PLAINTEXT-QUESTION-" + VaultFixture.providerKey("q");
            String answer = "PLAINTEXT-ANSWER-" + VaultFixture.providerKey("a");
            f.vault.responses().save(new NewStoredResponse("resp_1", user("usr_ada", "key_1"), null, SERVED_BY,
                    items(question, answer), "{\"instructions\":\"PLAINTEXT-INSTRUCTIONS\"}"), RETENTION);
            save(f, "resp_2", user("usr_ada", "key_1"), "resp_1", items(question + " again", answer + " again"));

            f.vault.responses().flush(); // the rows as stored, not as queued
            List<String> rows = f.sql(j -> j.query("SELECT * FROM stored_responses", rs -> {
                var sb = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                return sb.toString();
            }));
            assertThat(rows).hasSize(2).noneMatch(r -> r.contains("PLAINTEXT") || r.contains(question) || r.contains(answer));
            if (db.name().equals("sqlite")) {
                Path file = Path.of(db.url().substring("jdbc:sqlite:".length()));
                var bytes = new StringBuilder(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                Path wal = Path.of(file + "-wal");
                if (Files.exists(wal)) {
                    bytes.append(new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1));
                }
                assertThat(bytes.toString()).doesNotContain("PLAINTEXT");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSwappedCiphertextOrAChangedOwnerDoesNotDecrypt(TestDatabase db) {
        try (var f = fixture(db)) {
            var ada = user("usr_ada", "key_1");
            var bob = user("usr_bob", "key_2");
            save(f, "resp_ada", ada, null, items("ada asks", "ada hears"));
            save(f, "resp_bob", bob, null, items("bob asks", "bob hears"));
            save(f, "resp_ada2", ada, null, items("ada again", "ada hears again"));
            f.vault.responses().flush(); // stored, so the rows can be tampered with

            // Bob's sealed payload copied whole into Ada's row: the associated data (id, owner) no longer matches.
            f.sql(j -> j.update("UPDATE stored_responses SET wrapped_key = (SELECT wrapped_key FROM stored_responses WHERE id = ?), "
                    + "sealed = (SELECT sealed FROM stored_responses WHERE id = ?) WHERE id = ?",
                    "resp_bob", "resp_bob", "resp_ada"));
            assertThatThrownBy(() -> f.vault.responses().find("resp_ada", ada)).isInstanceOf(VaultCryptoException.class);
            // Ada's own payload moved to her other row: bound to its id too.
            f.sql(j -> j.update("UPDATE stored_responses SET wrapped_key = (SELECT wrapped_key FROM stored_responses WHERE id = ?), "
                    + "sealed = (SELECT sealed FROM stored_responses WHERE id = ?) WHERE id = ?",
                    "resp_bob", "resp_bob", "resp_ada2"));
            assertThatThrownBy(() -> f.vault.responses().find("resp_ada2", ada)).isInstanceOf(VaultCryptoException.class);
            // Bob's row handed to Ada by rewriting its owner columns: it does not open for her.
            f.sql(j -> j.update("UPDATE stored_responses SET owner = ?, user_id = ? WHERE id = ?", ada.subject(), "usr_ada",
                    "resp_bob"));
            assertThatThrownBy(() -> f.vault.responses().find("resp_bob", ada)).isInstanceOf(VaultCryptoException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOwnersResponsesShareADataKeyBoundToTheOwnerAndARowSealedWithItsOwnKeyStillOpensAndRewraps(TestDatabase db)
            throws IOException {
        MasterKey master = VaultFixture.randomMasterKey();
        try (var f = new VaultFixture(db, master, null, clock)) {
            var ada = user("usr_ada", "key_1");
            var bob = user("usr_bob", "key_2");
            save(f, "resp_a1", ada, null, items("ada asks", "ada hears"));
            save(f, "resp_a2", ada, "resp_a1", items("ada again", "ada hears again"));
            save(f, "resp_b1", bob, null, items("bob asks", "bob hears"));
            f.vault.responses().flush();

            List<String> keys = f.sql(j -> j.query("SELECT wrapped_key || '|' || key_scope FROM stored_responses ORDER BY id",
                    rs -> rs.getString(1)));
            assertThat(keys).hasSize(3).allMatch(k -> k.endsWith("|owner"));
            assertThat(keys.get(0)).isEqualTo(keys.get(1)); // resp_a1, resp_a2: one key, wrapped once
            assertThat(keys.get(2)).isNotEqualTo(keys.get(0)); // bob's is his own

            // New rows carry their ciphertext as bytes only: no base64 copy in the text column (the contract after V20).
            List<String> texts = f.sql(j -> j.query("SELECT ciphertext FROM stored_responses ORDER BY id", rs -> rs.getString(1)));
            assertThat(texts).containsExactly("", "", "");
            List<Integer> sealedLengths = f.sql(j -> j.query("SELECT sealed FROM stored_responses ORDER BY id",
                    rs -> rs.getBytes(1).length));
            assertThat(sealedLengths).hasSize(3).allMatch(length -> length > 28); // GCM's IV and tag, and the payload

            // A row as the version before this one wrote it (V20's expand step): the ciphertext in both columns.
            Sealed previous = new Envelope(master, List.of()).seal(
                    formatOne(items("ada between", "ada heard between"), body("resp_a9")), ada.associatedData("resp_a9"));
            insertAsEarlierVersions(f, "resp_a9", previous, previous.ciphertext());
            assertThat(f.vault.responses().find("resp_a9", ada).orElseThrow().items())
                    .isEqualTo(items("ada between", "ada heard between"));

            // A row as written before owners shared keys: its own data key, bound to its id and owner; its payload
            // in format 1 (items and body each in full), its ciphertext base64 in the text column only (before V20).
            Sealed own = new Envelope(master, List.of()).seal(formatOne(items("ada before", "ada heard"), body("resp_a0")),
                    ada.associatedData("resp_a0"));
            insertAsEarlierVersions(f, "resp_a0", own, null);
            StoredResponse before = f.vault.responses().find("resp_a0", ada).orElseThrow();
            assertThat(before.items()).isEqualTo(items("ada before", "ada heard"));
            assertThat(before.body()).isEqualTo(body("resp_a0"));
            assertThat(f.vault.responses().find("resp_a1", ada).orElseThrow().items()).isEqualTo(items("ada asks", "ada hears"));
            // An owner-bound key copied into a row-scoped row does not open: the scope is part of the binding.
            f.sql(j -> j.update("UPDATE stored_responses SET key_scope = 'row' WHERE id = 'resp_a2'"));
            assertThatThrownBy(() -> f.vault.responses().find("resp_a2", ada)).isInstanceOf(VaultCryptoException.class);
        }
    }

    /**
     * A row of resp_a1's owner as earlier versions wrote it: its own data key (key scope {@code row}), the ciphertext
     * base64 in {@code ciphertext}, and in {@code sealed} the bytes (V20's version) or nothing (before V20).
     */
    private static void insertAsEarlierVersions(VaultFixture f, String id, Sealed sealed, byte[] sealedColumn) {
        f.sql(j -> j.update("INSERT INTO stored_responses (id, owner, workspace_id, user_id, key_id, provider, model, "
                        + "credential_id, item_count, item_bytes, wrapped_key, master_key_id, ciphertext, sealed, created_at, "
                        + "expires_at) SELECT ?, owner, workspace_id, user_id, key_id, provider, model, credential_id, "
                        + "2, 10, ?, ?, ?, ?, created_at, expires_at FROM stored_responses WHERE id = 'resp_a1'",
                id, Base64.getEncoder().encodeToString(sealed.wrappedKey()), sealed.masterKeyId(),
                Base64.getEncoder().encodeToString(sealed.ciphertext()), sealedColumn));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExpiredResponseIsGoneAtOnceAndPurgedLater(TestDatabase db) {
        try (var f = fixture(db)) {
            var ada = user("usr_ada", "key_1");
            var responses = f.vault.responses();
            responses.save(new NewStoredResponse("resp_short", ada, null, SERVED_BY, items("a", "b"), null), Duration.ofHours(1));
            save(f, "resp_long", ada, "resp_short", items("c", "d"));

            clock.advance(Duration.ofHours(1));
            assertThat(responses.find("resp_short", ada)).isEmpty();
            assertThat(responses.servedBy("resp_short", ada)).isEmpty();
            assertThat(responses.delete("resp_short", ada)).isFalse();
            assertThat(responses.find("resp_long", ada)).isPresent();
            Conversation left = responses.chain("resp_long", ada, 100, 1_000_000).orElseThrow();
            assertThat(left.items()).containsExactlyElementsOf(items("c", "d").all());
            assertThat(left.ending()).isEqualTo(Conversation.Ending.BROKEN);

            assertThat(responses.purgeExpired(clock.instant())).isEqualTo(1);
            List<String> kept = f.sql(j -> j.query("SELECT id FROM stored_responses", rs -> rs.getString(1)));
            assertThat(kept).containsExactly("resp_long");
            assertThat(responses.purgeExpired(clock.instant())).isZero();
            clock.advance(RETENTION);
            assertThat(responses.purgeExpired(clock.instant())).isEqualTo(1);
            assertThat(responses.find("resp_long", ada)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChainIsOldestFirstAndKeepsWholeResponsesWithinItsBounds(TestDatabase db) {
        try (var f = fixture(db)) {
            var ada = user("usr_ada", "key_1");
            var responses = f.vault.responses();
            var first = items("one", "uno");
            var second = new ResponseItems(List.of(message("user", "two")),
                    List.of("{\"type\":\"function_call\",\"call_id\":\"c1\"}", message("assistant", "dos")));
            var third = items("three", "tres");
            save(f, "resp_1", ada, null, first);
            save(f, "resp_2", ada, "resp_1", second);
            save(f, "resp_3", ada, "resp_2", third);

            Conversation whole = responses.chain("resp_3", ada, 100, 1_000_000).orElseThrow();
            assertThat(whole.items()).containsExactlyElementsOf(concat(first, second, third));
            assertThat(whole.responses()).isEqualTo(3);
            assertThat(whole.ending()).isEqualTo(Conversation.Ending.COMPLETE);
            assertThat(responses.chain("resp_2", ada, 100, 1_000_000).orElseThrow().items())
                    .containsExactlyElementsOf(concat(first, second));

            // 6 items fit the newest two responses (2 + 3), not the first as well.
            Conversation byItems = responses.chain("resp_3", ada, 6, 1_000_000).orElseThrow();
            assertThat(byItems.items()).containsExactlyElementsOf(concat(second, third));
            assertThat(byItems.ending()).isEqualTo(Conversation.Ending.BOUNDED);
            Conversation byBytes = responses.chain("resp_3", ada, 100, third.bytes()).orElseThrow();
            assertThat(byBytes.items()).containsExactlyElementsOf(third.all());
            assertThat(byBytes.ending()).isEqualTo(Conversation.Ending.BOUNDED);
            Conversation none = responses.chain("resp_3", ada, 1, 1_000_000).orElseThrow();
            assertThat(none.items()).isEmpty();
            assertThat(none.ending()).isEqualTo(Conversation.Ending.BOUNDED);

            assertThat(responses.delete("resp_2", ada)).isTrue();
            Conversation broken = responses.chain("resp_3", ada, 100, 1_000_000).orElseThrow();
            assertThat(broken.items()).containsExactlyElementsOf(third.all());
            assertThat(broken.ending()).isEqualTo(Conversation.Ending.BROKEN);
        }
    }

    private static List<String> concat(ResponseItems... each) {
        return java.util.Arrays.stream(each).flatMap(i -> i.all().stream()).toList();
    }
}
