package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheFreshnessTest {

    @Test
    void aSharedDatabaseKeepsDesignsOneSecondBoundAndAnOwnedOneCachesLonger() {
        assertThat(CacheFreshness.of(Dialect.POSTGRESQL)).isEqualTo(CacheFreshness.SHARED);
        assertThat(CacheFreshness.SHARED.expireAfter()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(CacheFreshness.of(Dialect.SQLITE)).isEqualTo(CacheFreshness.OWNED);
        assertThat(CacheFreshness.OWNED.refreshAfter()).isGreaterThan(CacheFreshness.SHARED.expireAfter());
    }

    @Test
    void anEntryIsRefreshedBeforeItExpires() {
        assertThatThrownBy(() -> new CacheFreshness(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
