package io.keyroute.vault.responses;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.store.WriteBehind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The ids of responses an upstream keeps itself (table {@code passed_through_responses}): OpenAI's
 * Responses API keeps a passed-through conversation in the organisation of the key that made it,
 * so with a shared key only this record tells whose it is. No content is kept. An expired row is
 * never found. Records are written behind ({@link WriteBehind}); every read first flushes what this
 * process queued, so a record is found once its {@link #record} returns. {@link #close} stores what is queued.
 */
public final class PassedThroughResponses implements AutoCloseable {
    private static final String COLUMNS = "id, workspace_id, user_id, key_id, provider, model, credential_id, created_at, "
            + "expires_at";
    private static final String INSERT = "INSERT INTO passed_through_responses (id, owner, workspace_id, user_id, key_id, "
            + "provider, model, credential_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;
    private final Clock clock;
    private final WriteBehind<Object[]> inserts;

    public PassedThroughResponses(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.inserts = InsertBatches.start("keyroute-passed-through-responses", jdbc, INSERT);
    }

    /**
     * Records that {@code owner}'s request made response {@code id} at {@code provider}, for {@code retention}.
     *
     * @param model        the upstream's model name
     * @param credentialId the stored credential's id, or {@code system:<provider>}
     */
    public PassedThroughResponse record(String id, ResponseOwner owner, String provider, String model, String credentialId,
                                        Duration retention) {
        Instant created = Times.now(clock);
        Instant expires = created.plus(retention);
        inserts.submit(new Object[] {id, owner.subject(), owner.workspaceId(), owner.userId(), owner.keyId(), provider, model,
                credentialId, Times.format(created), Times.format(expires)});
        return new PassedThroughResponse(id, owner, provider, model, credentialId, created, expires);
    }

    /** The unexpired record of {@code id}, whoever owns it: a continuation must know when it is another's. */
    public Optional<PassedThroughResponse> find(String id) {
        inserts.flush();
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM passed_through_responses WHERE id = ? AND expires_at > ?",
                PassedThroughResponses::read, id, Times.format(Times.now(clock)));
    }

    /** What served {@code owner}'s response {@code id}; empty for another owner's, an expired or an unknown id. */
    public Optional<ServedBy> servedBy(String id, ResponseOwner owner) {
        return find(id).filter(found -> found.ownedBy(owner)).map(PassedThroughResponse::servedBy);
    }

    /** Forgets {@code owner}'s record of {@code id}; false when it has none. */
    public boolean delete(String id, ResponseOwner owner) {
        inserts.flush();
        return jdbc.update("DELETE FROM passed_through_responses WHERE id = ? AND owner = ?", id, owner.subject()) > 0;
    }

    /** Deletes every record expired at {@code now}; returns how many. */
    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM passed_through_responses WHERE expires_at <= ?", Times.format(now));
    }

    /** Stores what this process queued until now, as every read here does first; for a reader of the table itself. */
    public void flush() {
        inserts.flush();
    }

    /** Stores the records still queued; later ones insert on their own thread. */
    @Override
    public void close() {
        inserts.close();
    }

    private static PassedThroughResponse read(ResultSet rs) throws SQLException {
        return new PassedThroughResponse(rs.getString(1), new ResponseOwner(rs.getString(2), rs.getString(3), rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), Times.parse(rs.getString(8)),
                Times.parse(rs.getString(9)));
    }
}
