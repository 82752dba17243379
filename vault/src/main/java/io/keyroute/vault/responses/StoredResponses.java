package io.keyroute.vault.responses;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.store.WriteBehind;
import io.keyroute.vault.crypto.Envelope;
import io.keyroute.vault.crypto.Sealed;
import io.keyroute.vault.crypto.WrappedKeyTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The Responses API conversations Keyroute keeps (table {@code stored_responses}): each response's
 * items and body sealed under the master key, bound to the row's id and owner. Every lookup is scoped to
 * the owner: another owner's id, an expired one and an unknown one all look the same (absent).
 * Saves are written behind ({@link WriteBehind}): {@link #save} returns once the response is sealed
 * and queued, a few large transactions store what queues; every read first flushes what this
 * process queued, so what a caller saved is what its next request reads. {@link #close} stores what is queued.
 */
public final class StoredResponses implements WrappedKeyTable, AutoCloseable {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int REWRAP_BATCH = 500;
    /** A re-wrap replaces only the wrapped data key: the ciphertext stays in its row, unread. */
    private static final byte[] NOT_READ = new byte[0];
    private static final String COLUMNS = "r.id, r.workspace_id, r.user_id, r.key_id, r.previous_response_id, r.provider, "
            + "r.model, r.credential_id, r.created_at, r.expires_at, r.wrapped_key, r.master_key_id, r.ciphertext, r.key_scope, r.sealed";
    /**
     * The chain back from a response, newest first (depth 0), each link this owner's and unexpired,
     * at most {@code depth} links back. Parameters: id, owner, now, owner, now, depth.
     */
    private static final String CHAIN = "WITH RECURSIVE chain(id, depth) AS ("
            + " SELECT id, 0 FROM stored_responses WHERE id = ? AND owner = ? AND expires_at > ?"
            + " UNION ALL SELECT p.id, c.depth + 1 FROM chain c JOIN stored_responses n ON n.id = c.id"
            + " JOIN stored_responses p ON p.id = n.previous_response_id"
            + " WHERE p.owner = ? AND p.expires_at > ? AND c.depth < ?) ";

    /**
     * The ciphertext goes in {@code sealed} only (the contract step after V20's expand): the version before this
     * one reads {@code sealed} too, so nothing reads the base64 copy of a new row. {@code ciphertext} (NOT NULL,
     * and a migration may only add) gets {@code ''}; it holds the ciphertext of rows written before V20 only.
     */
    private static final String INSERT = "INSERT INTO stored_responses (id, owner, workspace_id, user_id, key_id, "
            + "previous_response_id, provider, model, credential_id, item_count, item_bytes, wrapped_key, master_key_id, "
            + "ciphertext, sealed, created_at, expires_at, key_scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, '"
            + KeyScope.OWNER.column + "')";

    private final Jdbc jdbc;
    private final Envelope envelope;
    private final ResponseDataKeys keys;
    private final Clock clock;
    private final WriteBehind<Object[]> inserts;

    public StoredResponses(Jdbc jdbc, Envelope envelope, Clock clock) {
        this.jdbc = jdbc;
        this.envelope = envelope;
        this.keys = new ResponseDataKeys(envelope);
        this.clock = clock;
        this.inserts = InsertBatches.start("keyroute-stored-responses", jdbc, INSERT);
    }

    /**
     * Keeps a response for {@code retention} from now; its id must be new. Sealed on the caller's
     * thread (in parallel) with its owner's current data key ({@link ResponseDataKeys}), inserted behind it with the
     * others queued meanwhile (a row that cannot be inserted, a duplicate id, is logged). Nothing is read back:
     * {@link #find} opens what was kept.
     */
    public void save(NewStoredResponse response, Duration retention) {
        Instant created = Times.now(clock);
        Instant expires = created.plus(retention);
        ResponseOwner owner = response.owner();
        ServedBy by = response.servedBy();
        ResponseText text = response.text();
        String subject = owner.subject();
        ResponseDataKeys.OwnerKey key = keys.current(owner, subject);
        Sealed sealed = envelope.seal(key.dataKey(), text.encode(), owner.associatedData(response.id(), subject));
        inserts.submit(new Object[] {response.id(), subject, owner.workspaceId(), owner.userId(), owner.keyId(),
                response.previousResponseId(), by.provider(), by.model(), by.credentialId(), text.count(),
                text.bytes(), key.wrappedKeyText(), sealed.masterKeyId(), sealed.ciphertext(), Times.format(created),
                Times.format(expires)});
    }

    /** The owner's unexpired response with this id; empty for an unknown id and for another owner's. */
    public Optional<StoredResponse> find(String id, ResponseOwner owner) {
        inserts.flush();
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM stored_responses r WHERE r.id = ? AND r.owner = ? AND r.expires_at > ?",
                this::open, id, owner.subject(), Times.format(Times.now(clock)));
    }

    /**
     * What served the owner's unexpired response {@code id}, read without opening its sealed items
     * (routing asks it for every continuation); empty when {@link #find} would find none.
     */
    public Optional<ServedBy> servedBy(String id, ResponseOwner owner) {
        inserts.flush();
        return jdbc.queryOne("SELECT provider, model, credential_id FROM stored_responses WHERE id = ? AND owner = ? "
                        + "AND expires_at > ?", rs -> new ServedBy(rs.getString(1), rs.getString(2), rs.getString(3)),
                id, owner.subject(), Times.format(Times.now(clock)));
    }

    /**
     * Deletes the owner's response (its row and so its sealed items); false when {@link #find} would
     * find none (unknown, another owner's, expired).
     */
    public boolean delete(String id, ResponseOwner owner) {
        inserts.flush();
        return jdbc.update("DELETE FROM stored_responses WHERE id = ? AND owner = ? AND expires_at > ?", id, owner.subject(),
                Times.format(Times.now(clock))) > 0;
    }

    /**
     * The conversation that ends with the owner's response {@code id}: its items and every earlier
     * response's, oldest first, as far back as whole responses fit in {@code maxItems} and
     * {@code maxBytes} (UTF-8). Empty when the owner has no such response.
     */
    public Optional<Conversation> chain(String id, ResponseOwner owner, int maxItems, long maxBytes) {
        inserts.flush();
        String now = Times.format(Times.now(clock));
        List<Link> links = jdbc.query(CHAIN + "SELECT r.id, r.previous_response_id, r.item_count, r.item_bytes "
                        + "FROM chain c JOIN stored_responses r ON r.id = c.id ORDER BY c.depth",
                rs -> new Link(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)),
                id, owner.subject(), now, owner.subject(), now, maxItems);
        if (links.isEmpty()) {
            return Optional.empty();
        }
        int kept = 0;
        long items = 0;
        long bytes = 0;
        for (Link link : links) {
            if (items + link.items() > maxItems || bytes + link.bytes() > maxBytes) {
                break;
            }
            items += link.items();
            bytes += link.bytes();
            kept++;
        }
        Conversation.Ending ending = kept < links.size() || links.size() > maxItems ? Conversation.Ending.BOUNDED
                : links.getLast().previousId() == null ? Conversation.Ending.COMPLETE : Conversation.Ending.BROKEN;
        List<StoredResponse> responses = kept == 0 ? List.of()
                : jdbc.query(CHAIN + "SELECT " + COLUMNS + " FROM chain c JOIN stored_responses r ON r.id = c.id ORDER BY c.depth",
                        this::open, id, owner.subject(), now, owner.subject(), now, kept - 1);
        if (responses.size() < kept) {
            ending = Conversation.Ending.BROKEN; // a link was deleted or expired between the two reads
        }
        List<String> oldestFirst = new ArrayList<>();
        List<StoredResponse> reversed = new ArrayList<>(responses);
        Collections.reverse(reversed);
        reversed.forEach(r -> oldestFirst.addAll(r.items().all()));
        return Optional.of(new Conversation(oldestFirst, responses.size(), ending));
    }

    /** Deletes every response expired at {@code now}; returns how many. */
    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM stored_responses WHERE expires_at <= ?", Times.format(now));
    }

    /**
     * Each row is updated on its own, only if it is still wrapped by the key that was read, as
     * credentials are: the ciphertext stays, readers holding either key keep working.
     */
    @Override
    public int rewrapToPrimary() {
        String target = envelope.primary().id();
        int total = 0;
        for (List<Wrapped> rows = pendingRewrap(target); !rows.isEmpty(); rows = pendingRewrap(target)) {
            for (Wrapped row : rows) {
                Sealed rewrapped = envelope.rewrap(row.sealed(), row.scope().keyBinding(row.owner(), row.id()));
                total += jdbc.update("UPDATE stored_responses SET wrapped_key = ?, master_key_id = ? "
                                + "WHERE id = ? AND master_key_id = ?",
                        B64.encodeToString(rewrapped.wrappedKey()), target, row.id(), row.sealed().masterKeyId());
            }
        }
        return total;
    }

    /** Stores what this process queued until now, as every read here does first; for a reader of the table itself. */
    public void flush() {
        inserts.flush();
    }

    /** Stores the saves still queued; later saves insert on their own thread. */
    @Override
    public void close() {
        inserts.close();
    }

    private record Link(String id, String previousId, int items, long bytes) {
    }

    private record Wrapped(String id, ResponseOwner owner, Sealed sealed, KeyScope scope) {
    }

    /** What a row's wrapped data key is bound to (column {@code key_scope}). */
    private enum KeyScope {
        /** The row's own key, bound to its id and owner: rows written before owners shared keys. */
        ROW("row"),
        /** Its owner's key of the hour ({@link ResponseDataKeys}), bound to the owner. */
        OWNER("owner");

        final String column;

        KeyScope(String column) {
            this.column = column;
        }

        static KeyScope of(String column) {
            for (KeyScope scope : values()) {
                if (scope.column.equals(column)) {
                    return scope;
                }
            }
            throw new IllegalStateException("stored response key scope '" + column + "' is unknown");
        }

        byte[] keyBinding(ResponseOwner owner, String id) {
            return this == OWNER ? owner.keyBinding() : owner.associatedData(id);
        }
    }

    private List<Wrapped> pendingRewrap(String target) {
        return jdbc.query("SELECT id, workspace_id, user_id, key_id, wrapped_key, master_key_id, key_scope "
                        + "FROM stored_responses "
                        + "WHERE master_key_id <> ? ORDER BY id LIMIT " + REWRAP_BATCH,
                rs -> new Wrapped(rs.getString(1), new ResponseOwner(rs.getString(2), rs.getString(3), rs.getString(4)),
                        new Sealed(B64D.decode(rs.getString(5)), rs.getString(6), NOT_READ), KeyScope.of(rs.getString(7))),
                target);
    }

    /** The row's ciphertext: its bytes (V20 on), or for a row written before them, base64 in {@code ciphertext}. */
    private static byte[] ciphertext(ResultSet rs) throws SQLException {
        byte[] bytes = rs.getBytes(15);
        return bytes != null ? bytes : B64D.decode(rs.getString(13));
    }

    private StoredResponse open(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        var owner = new ResponseOwner(rs.getString(2), rs.getString(3), rs.getString(4));
        var sealed = new Sealed(B64D.decode(rs.getString(11)), rs.getString(12), ciphertext(rs));
        ResponseText text = ResponseText.decode(envelope.open(sealed, KeyScope.of(rs.getString(14)).keyBinding(owner, id),
                owner.associatedData(id)));
        return new StoredResponse(id, owner, rs.getString(5), new ServedBy(rs.getString(6), rs.getString(7), rs.getString(8)),
                Times.parse(rs.getString(9)), Times.parse(rs.getString(10)), text.items(), text.body());
    }
}
