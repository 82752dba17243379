package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResponsesIdsTest {

    @Test
    void eachKindHasOpenAisPrefixAnd48HexDigits() {
        assertThat(ResponsesIds.response()).matches("resp_[0-9a-f]{48}");
        assertThat(ResponsesIds.message()).matches("msg_[0-9a-f]{48}");
        assertThat(ResponsesIds.functionCall()).matches("fc_[0-9a-f]{48}");
        assertThat(ResponsesIds.reasoning()).matches("rs_[0-9a-f]{48}");
    }

    @Test
    void theFirstEightDigitsAreTheSecondOfMintingAsOpenAisAre() {
        long before = System.currentTimeMillis() / 1000;
        String id = ResponsesIds.response();
        long after = System.currentTimeMillis() / 1000;

        assertThat(Long.parseLong(id.substring("resp_".length(), "resp_".length() + 8), 16)).isBetween(before, after);
    }

    @Test
    void idsDoNotRepeat() {
        assertThat(distinct(ResponsesIds::response, 10_000)).isEqualTo(10_000);
    }

    @Test
    void aProvidersCallIdIsKeptAndAMissingOneIsMinted() {
        assertThat(ResponsesIds.callId("toolu_01A09q90qw90lq917835lq9")).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(ResponsesIds.callId("call_abc")).isEqualTo("call_abc");
        assertThat(ResponsesIds.callId(null)).matches("call_[0-9a-f]{48}");
        assertThat(ResponsesIds.callId("")).matches("call_[0-9a-f]{48}");
        assertThat(ResponsesIds.callId(null)).isNotEqualTo(ResponsesIds.callId(null));
    }

    private static int distinct(Supplier<String> ids, int n) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            seen.add(ids.get());
        }
        return seen.size();
    }
}
