package io.keyroute.server.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable named(String name) {
        return () -> closed.add(name);
    }

    private AutoCloseable failing(String name, Exception failure) {
        return () -> {
            closed.add(name);
            throw failure;
        };
    }

    @Test
    void closesWhatWasOpenedNewestFirst() {
        var resources = new Resources();
        resources.add(named("vault"));
        resources.add(named("ledger"));
        resources.add(named("gateway"));

        resources.close();

        assertThat(closed).containsExactly("gateway", "ledger", "vault");
    }

    @Test
    void addReturnsTheResourceItTakes() {
        var resources = new Resources();
        AutoCloseable vault = named("vault");

        assertThat(resources.add(vault)).isSameAs(vault);
    }

    @Test
    void aStartUpThatFailsClosesOnlyWhatItOpened() {
        var resources = new Resources();
        assertThatThrownBy(() -> {
            try (resources) {
                resources.add(named("vault"));
                resources.add(named("ledger"));
                throw new IllegalStateException("rate limits: Redis unreachable");
            }
        }).hasMessage("rate limits: Redis unreachable");

        assertThat(closed).containsExactly("ledger", "vault");
    }

    @Test
    void everyResourceClosesEvenWhenOthersFailTheFirstFailureThrownTheRestSuppressed() {
        var resources = new Resources();
        var vaultFailure = new IllegalStateException("vault");
        var budgetsFailure = new IllegalArgumentException("budgets");
        resources.add(failing("vault", vaultFailure));
        resources.add(named("ledger"));
        resources.add(failing("budgets", budgetsFailure));
        resources.add(named("gateway"));

        assertThatThrownBy(resources::close).isSameAs(budgetsFailure);

        assertThat(closed).containsExactly("gateway", "budgets", "ledger", "vault");
        assertThat(budgetsFailure.getSuppressed()).containsExactly(vaultFailure);
    }

    @Test
    void aCheckedFailureIsThrownUncheckedWithItsCause() {
        var resources = new Resources();
        var journalFailure = new IOException("journal locked");
        resources.add(failing("journal", journalFailure));

        assertThatThrownBy(resources::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("journal locked").hasCause(journalFailure);
    }

    @Test
    void anInterruptedCloseStillClosesTheRestAndKeepsTheInterrupt() {
        var resources = new Resources();
        resources.add(named("vault"));
        resources.add(failing("gateway", new InterruptedException("drain interrupted")));

        try {
            assertThatThrownBy(resources::close).hasCauseInstanceOf(InterruptedException.class);
            assertThat(closed).containsExactly("gateway", "vault");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // clears it for the next test
        }
    }

    @Test
    void aSecondCloseClosesNothingAgain() {
        var resources = new Resources();
        resources.add(named("vault"));
        resources.close();

        resources.close();

        assertThat(closed).containsExactly("vault");
    }
}
