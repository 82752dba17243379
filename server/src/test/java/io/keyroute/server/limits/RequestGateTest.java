package io.keyroute.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.server.accounting.RequestRecords;
import io.keyroute.usage.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestGateTest {
    private final List<String> events = new ArrayList<>();

    @Test
    void aRefusalByTheSecondGateReleasesWhatTheFirstHeld() {
        RequestGate gate = holding("budget").then(request -> {
            throw new LimitExceeded("rate_limited", "Too many requests.", null);
        });

        assertThatThrownBy(() -> gate.admit(null)).isInstanceOf(LimitExceeded.class);

        assertThat(events).containsExactly("budget admitted", "budget released");
    }

    @Test
    void bothAdmissionsAreSettledInOrderWithTheRecord() {
        Admission held = holding("rate").then(holding("budget")).admit(null);
        RequestRecord record = RequestRecords.failed("req_1", null, "m", null, 502, 1, false, 10);

        held.settle(record);

        assertThat(events).containsExactly("rate admitted", "budget admitted", "rate settled req_1",
                "budget settled req_1");
    }

    @Test
    void anOpenGateHoldsNothing() {
        assertThat(RequestGate.open().then(RequestGate.open()).admit(null)).isSameAs(Admission.NONE);
    }

    private RequestGate holding(String name) {
        return request -> {
            events.add(name + " admitted");
            return new Admission() {
                @Override
                public void settle(RequestRecord record) {
                    events.add(name + " settled " + record.requestId());
                }

                @Override
                public void release() {
                    events.add(name + " released");
                }
            };
        };
    }
}
