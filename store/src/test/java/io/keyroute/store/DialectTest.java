package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void unreachableOrBusyDatabasesAreTransientRefusalsAreNot() {
        assertThat(Dialect.POSTGRESQL.isTransient(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(Dialect.POSTGRESQL.isTransient(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(Dialect.POSTGRESQL.isTransient(new SQLException("not null violation", "23502"))).isFalse();
        assertThat(Dialect.SQLITE.isTransient(new SQLException("[SQLITE_BUSY] database is locked", null, 5))).isTrue();
        assertThat(Dialect.SQLITE.isTransient(new SQLException("[SQLITE_CONSTRAINT_NOTNULL]", null, 19))).isFalse();
        // HikariCP's timeout waiting for a pooled connection, on either database
        assertThat(Dialect.SQLITE.isTransient(new SQLTransientConnectionException("timeout"))).isTrue();
    }
}
