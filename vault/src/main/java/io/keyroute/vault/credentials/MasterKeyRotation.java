package io.keyroute.vault.credentials;

import io.keyroute.store.Jdbc;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.crypto.Envelope;
import io.keyroute.vault.crypto.Sealed;
import io.keyroute.vault.crypto.WrappedKeyTable;
import java.util.Base64;
import java.util.List;

/**
 * Re-wraps every stored data key under the envelope's primary master key: the credentials' and
 * those of every other {@link WrappedKeyTable} (stored responses). Each row is updated on
 * its own, only if it is still wrapped by the key that was read (so a concurrent write wins and is
 * picked up by the next pass); ciphertexts are untouched. Readers holding either key keep working
 * throughout, because each row names the key that wraps it.
 */
public final class MasterKeyRotation {
    private static final int BATCH = 500;

    private final Jdbc jdbc;
    private final Envelope envelope;
    private final AuditLog audit;
    private final List<WrappedKeyTable> otherTables;

    /** @param otherTables the tables besides credential_versions that hold wrapped data keys */
    public MasterKeyRotation(Jdbc jdbc, Envelope envelope, AuditLog audit, List<WrappedKeyTable> otherTables) {
        this.jdbc = jdbc;
        this.envelope = envelope;
        this.audit = audit;
        this.otherTables = List.copyOf(otherTables);
    }

    private record Row(String credentialId, int version, Owner owner, Sealed sealed) {
    }

    /** @return how many data keys were re-wrapped */
    public int run(String actor) {
        String target = envelope.primary().id();
        int total = 0;
        for (List<Row> rows = pending(target); !rows.isEmpty(); rows = pending(target)) {
            for (Row row : rows) {
                Sealed rewrapped = envelope.rewrap(row.sealed(), row.owner().associatedData(row.credentialId(), row.version()));
                total += jdbc.update("UPDATE credential_versions SET wrapped_key = ?, master_key_id = ? "
                                + "WHERE credential_id = ? AND version = ? AND master_key_id = ?",
                        Base64.getEncoder().encodeToString(rewrapped.wrappedKey()), target, row.credentialId(), row.version(),
                        row.sealed().masterKeyId());
            }
        }
        for (WrappedKeyTable table : otherTables) {
            total += table.rewrapToPrimary();
        }
        audit.record(actor, "master_key.rotated", target, null, total + " data keys re-wrapped");
        return total;
    }

    private List<Row> pending(String target) {
        return jdbc.query("SELECT v.credential_id, v.version, c.owner_type, c.owner_id, v.wrapped_key, v.master_key_id, "
                        + "v.ciphertext FROM credential_versions v JOIN credentials c ON c.id = v.credential_id "
                        + "WHERE v.wrapped_key IS NOT NULL AND v.master_key_id <> ? ORDER BY v.credential_id, v.version LIMIT " + BATCH,
                rs -> new Row(rs.getString(1), rs.getInt(2), new Owner(Owner.Type.valueOf(rs.getString(3)), rs.getString(4)),
                        new Sealed(Base64.getDecoder().decode(rs.getString(5)), rs.getString(6),
                                Base64.getDecoder().decode(rs.getString(7)))),
                target);
    }
}
