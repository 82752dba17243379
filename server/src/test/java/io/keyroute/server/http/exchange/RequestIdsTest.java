package io.keyroute.server.http.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Property
    void aLaterMillisecondGivesALaterIdInTextOrder(@ForAll @LongRange(min = 0, max = 200_000_000_000_000L) long t,
                                                   @ForAll @LongRange(min = 1, max = 10_000_000_000L) long later) {
        String first = RequestIds.next(() -> t);
        String second = RequestIds.next(() -> t + later);

        assertThat(first).hasSize(RequestIds.LENGTH).startsWith("req_").matches("req_[0-9A-Za-z]{20}");
        assertThat(second.compareTo(first)).isPositive();
    }

    @Test
    void idsOfTheSameMillisecondShareTheTimeAndDifferInTheRest() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RequestIds.next(() -> 1_795_000_000_000L));
        }

        assertThat(ids).hasSize(100_000);
        assertThat(ids).allSatisfy(id -> assertThat(id).startsWith(ids.iterator().next().substring(0, 12)));
    }
}
