package io.keyroute.server.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ClientError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AnthropicModelPageTest {
    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void twentyByDefaultFromTheStart() {
        AnthropicModelPage page = AnthropicModelPage.of(ids(25), null, null, null);

        assertThat(page.ids()).isEqualTo(ids(20));
        assertThat(page.hasMore()).isTrue();
        assertThat(page.firstId()).isEqualTo("m0");
        assertThat(page.lastId()).isEqualTo("m19");
    }

    @Test
    void afterIdIsThePageAfterItAndBeforeIdThePageBeforeIt() {
        assertThat(AnthropicModelPage.of(FIVE, "2", null, "b")).isEqualTo(new AnthropicModelPage(List.of("c", "d"), true));
        assertThat(AnthropicModelPage.of(FIVE, "2", null, "c")).isEqualTo(new AnthropicModelPage(List.of("d", "e"), false));
        assertThat(AnthropicModelPage.of(FIVE, "2", "d", null)).isEqualTo(new AnthropicModelPage(List.of("b", "c"), true));
        assertThat(AnthropicModelPage.of(FIVE, "2", "c", null)).isEqualTo(new AnthropicModelPage(List.of("a", "b"), false));
        assertThat(AnthropicModelPage.of(FIVE, null, null, "e")).isEqualTo(new AnthropicModelPage(List.of(), false));
        AnthropicModelPage empty = AnthropicModelPage.of(List.of(), null, null, null);
        assertThat(empty.firstId()).isNull();
        assertThat(empty.lastId()).isNull();
    }

    @Test
    void aLimitFromOneToAThousandAnUnknownCursorAndBothCursorsAreRefusedNamingTheParameter() {
        assertThat(AnthropicModelPage.of(ids(1_200), "1000", null, null).ids()).hasSize(1_000);
        assertThat(AnthropicModelPage.of(FIVE, "1", null, null).ids()).containsExactly("a");
        for (String limit : List.of("0", "1001", "-1", "ten", "2.5", "")) {
            assertThatThrownBy(() -> AnthropicModelPage.of(FIVE, limit, null, null)).as(limit)
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.param()).hasValue("limit"));
        }
        assertThatThrownBy(() -> AnthropicModelPage.of(FIVE, null, null, "z"))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.param()).hasValue("after_id"))
                .hasMessageNotContaining("'z'");
        assertThatThrownBy(() -> AnthropicModelPage.of(FIVE, null, "a", "b"))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.param()).hasValue("before_id"));
    }

    /** The SDKs' auto-paging: after_id = last_id while has_more, from the first page. */
    @Property
    void pagingForwardVisitsEveryIdOnceInOrder(@ForAll @IntRange(max = 60) int n, @ForAll @IntRange(min = 1, max = 25) int limit) {
        List<String> seen = new ArrayList<>();
        AnthropicModelPage page = AnthropicModelPage.of(ids(n), String.valueOf(limit), null, null);
        seen.addAll(page.ids());
        while (page.hasMore()) {
            page = AnthropicModelPage.of(ids(n), String.valueOf(limit), null, page.lastId());
            seen.addAll(page.ids());
        }
        assertThat(seen).isEqualTo(ids(n));
    }

    /** Paging back: before_id = first_id while has_more, from the page before the last id. */
    @Property
    void pagingBackVisitsEveryEarlierIdOnce(@ForAll @IntRange(min = 1, max = 60) int n,
                                            @ForAll @IntRange(min = 1, max = 25) int limit) {
        List<String> all = ids(n);
        List<String> seen = new ArrayList<>();
        AnthropicModelPage page = AnthropicModelPage.of(all, String.valueOf(limit), all.getLast(), null);
        seen.addAll(0, page.ids());
        while (page.hasMore()) {
            page = AnthropicModelPage.of(all, String.valueOf(limit), page.firstId(), null);
            seen.addAll(0, page.ids());
        }
        assertThat(seen).isEqualTo(all.subList(0, n - 1));
    }
}
