package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerJournalTest {
    private static final long ROOMY = LedgerJournal.DEFAULT_SEGMENT_BYTES;

    @TempDir
    Path dir;

    static LedgerEntry event(String id) {
        return new LedgerEntry(Instant.parse("2026-11-21T10:00:00.123Z"), new RequestRecord(id, "key_1", "user_1",
                "ws_1", "cred_1", "chat", null, "openai", "gpt-4o-mini", 200, 2, true, new Usage(1_200, 34, 100, 5),
                2_109L, 1_500, 300, "ok"));
    }

    private List<String> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(f -> f.getFileName().toString()).filter(n -> !n.equals("lock")).sorted().toList();
        }
    }

    private List<LedgerEntry> recovered() {
        List<LedgerEntry> stored = new ArrayList<>();
        try (var journal = LedgerJournal.open(dir, ROOMY)) {
            journal.recover(stored::addAll, 2);
        }
        return stored;
    }

    @Test
    void whatWasAppendedButNeverStoredIsRecoveredAtTheNextOpenAndThenDeleted() throws IOException {
        var journal = LedgerJournal.open(dir, ROOMY);
        journal.append(event("req_1"));
        journal.append(event("req_2"));
        journal.append(event("req_3"));
        journal.close(); // as a killed process leaves it: nothing reported stored

        assertThat(files()).containsExactly("segment-000000000001.jsonl");
        assertThat(recovered()).containsExactly(event("req_1"), event("req_2"), event("req_3"));
        assertThat(files()).isEmpty();
        assertThat(recovered()).isEmpty(); // recovered once, not at every start
    }

    @Test
    void theJournalIsItsOwnersAlone() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var journal = LedgerJournal.open(dir, ROOMY)) {
            journal.append(event("req_1"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (var list = Files.list(dir)) {
                assertThat(list.toList()).hasSize(2).allSatisfy(file -> assertThat(
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void aFullSegmentIsDeletedOnceEveryEventInItIsStored() throws IOException {
        long oneLine = JournalLine.encode(event("req_1")).length;
        var journal = LedgerJournal.open(dir, 2 * oneLine); // two events fill a segment
        var first = journal.append(event("req_1"));
        var second = journal.append(event("req_2"));
        var third = journal.append(event("req_3"));
        assertThat(second).isSameAs(first).isNotSameAs(third);
        assertThat(files()).containsExactly("segment-000000000001.jsonl", "segment-000000000002.jsonl");

        journal.stored(List.of(first));
        assertThat(files()).hasSize(2); // one of its two events is still only in memory
        journal.stored(List.of(second, third));
        assertThat(files()).containsExactly("segment-000000000002.jsonl"); // the current one, not full yet

        journal.close();
        assertThat(files()).isEmpty(); // everything in it was stored
    }

    @Test
    void aLineCutShortByAKillAndAGarbledLineAreSkippedTheRestIsRecovered() throws IOException {
        byte[] good = JournalLine.encode(event("req_1"));
        byte[] other = JournalLine.encode(event("req_2"));
        byte[] torn = JournalLine.encode(event("req_3"));
        var segment = new java.io.ByteArrayOutputStream();
        segment.write(good);
        segment.write("{\"v\":1,\"oops\"\n".getBytes(StandardCharsets.UTF_8));
        segment.write(other);
        segment.write(torn, 0, torn.length / 2);
        Files.write(dir.resolve("segment-000000000007.jsonl"), segment.toByteArray());

        assertThat(recovered()).containsExactly(event("req_1"), event("req_2"));
        assertThat(files()).isEmpty();
    }

    @Test
    void recoveryTouchesOnlyWhatAnEarlierProcessLeft() throws IOException {
        Files.write(dir.resolve("segment-000000000007.jsonl"), JournalLine.encode(event("req_1")));
        List<LedgerEntry> stored = new ArrayList<>();
        try (var journal = LedgerJournal.open(dir, ROOMY)) {
            journal.append(event("req_2")); // numbered after the leftovers
            assertThat(files()).containsExactly("segment-000000000007.jsonl", "segment-000000000008.jsonl");
            journal.recover(stored::addAll, 10);
            assertThat(files()).containsExactly("segment-000000000008.jsonl");
        }
        assertThat(stored).containsExactly(event("req_1"));
    }

    @Test
    void aFailedRecoveryDeletesNothing() throws IOException {
        var journal = LedgerJournal.open(dir, ROOMY);
        journal.append(event("req_1"));
        journal.close();

        try (var again = LedgerJournal.open(dir, ROOMY)) {
            assertThatThrownBy(() -> again.recover(events -> {
                throw new IllegalStateException("database down");
            }, 10)).hasMessage("database down");
        }
        assertThat(files()).hasSize(1);
        assertThat(recovered()).containsExactly(event("req_1"));
    }

    @Test
    void oneProcessPerJournal() {
        try (var journal = LedgerJournal.open(dir, ROOMY)) {
            assertThatThrownBy(() -> LedgerJournal.open(dir, ROOMY))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another Keyroute process");
        }
        LedgerJournal.open(dir, ROOMY).close(); // released at close
    }

    @Test
    void anEventIsWrittenWhenAppendReturnsAndNothingAfterClose() throws IOException {
        var journal = LedgerJournal.open(dir, ROOMY);
        journal.append(event("req_1"));
        // No flush, no close: the copy into the mapped file has reached the OS, which is what survives a kill.
        byte[] line = JournalLine.encode(event("req_1"));
        byte[] file = Files.readAllBytes(dir.resolve("segment-000000000001.jsonl"));
        assertThat(file).hasSize((int) ROOMY); // the whole segment is allocated up front, zero-filled
        assertThat(Arrays.copyOf(file, line.length)).isEqualTo(line);
        assertThat(Arrays.copyOfRange(file, line.length, file.length)).containsOnly(0);
        journal.close();
        assertThat(journal.append(event("req_2"))).isNull();
    }

    @Test
    void aLineThatDoesNotFitWhatIsLeftOfASegmentStartsTheNextOneAndALongerLineGetsOneOfItsOwn() throws IOException {
        long oneLine = JournalLine.encode(event("req_1")).length;
        LedgerEntry huge = new LedgerEntry(event("req_1").at(), new RequestRecord("req_2", "key_1", "user_1", "ws_1",
                null, "m".repeat(4 * (int) oneLine), null, "openai", "gpt-4o-mini", 400, 1, false, Usage.NONE, null,
                10, 0, "error"));
        var journal = LedgerJournal.open(dir, oneLine + oneLine / 2);
        var first = journal.append(event("req_1"));
        var second = journal.append(huge);
        var third = journal.append(event("req_3"));
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        assertThat(files()).containsExactly("segment-000000000001.jsonl", "segment-000000000002.jsonl",
                "segment-000000000003.jsonl");
        journal.close(); // as a killed process leaves it

        assertThat(recovered()).containsExactly(event("req_1"), huge, event("req_3"));
    }
}
