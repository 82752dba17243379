package io.keyroute.vault.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For any conversation and bounds, a chain is the newest whole responses that fit, oldest first:
 * never more items or bytes than asked, never a response more than fits, never a response cut in part.
 */
class ConversationBoundsPropertyTest {
    private static VaultFixture fixture;

    @BeforeContainer
    static void open() {
        fixture = new VaultFixture(TestServices.sqlite());
    }

    @AfterContainer
    static void close() {
        fixture.close();
    }

    @Property(tries = 60)
    void aChainIsTheLongestSuffixOfWholeResponsesWithinTheBounds(
            @ForAll @Size(min = 1, max = 6) List<@Size(max = 3) List<@StringLength(max = 12) String>> turns,
            @ForAll @IntRange(min = 0, max = 12) int maxItems, @ForAll @IntRange(min = 0, max = 120) int maxBytes) {
        var owner = new ResponseOwner(null, null, "key_" + UUID.randomUUID());
        List<ResponseItems> saved = new ArrayList<>();
        String previous = null;
        for (List<String> turn : turns) {
            var items = new ResponseItems(List.of("{\"n\":" + saved.size() + "}"), turn);
            String id = "resp_" + UUID.randomUUID();
            fixture.vault.responses().save(new NewStoredResponse(id, owner, previous, new ServedBy("mock", "m", null), items, null),
                    Duration.ofDays(1));
            saved.add(items);
            previous = id;
        }

        Conversation chain = fixture.vault.responses().chain(previous, owner, maxItems, maxBytes).orElseThrow();

        int fit = 0;
        long items = 0;
        long bytes = 0;
        for (int i = saved.size() - 1; i >= 0; i--) {
            ResponseItems r = saved.get(i);
            if (items + r.count() > maxItems || bytes + r.bytes() > maxBytes) {
                break;
            }
            items += r.count();
            bytes += r.bytes();
            fit++;
        }
        List<String> expected = saved.subList(saved.size() - fit, saved.size()).stream()
                .flatMap(r -> r.all().stream()).toList();
        assertThat(chain.items()).containsExactlyElementsOf(expected);
        assertThat(chain.responses()).isEqualTo(fit);
        assertThat(chain.ending()).isEqualTo(fit == saved.size() ? Conversation.Ending.COMPLETE : Conversation.Ending.BOUNDED);
    }

    /** Items and body are kept as UTF-8 text: any text survives as UTF-8 would carry it (a lone surrogate is no JSON text's). */
    @Property
    void itemsAndBodySurviveTheirSealedEncoding(@ForAll List<String> input, @ForAll List<String> output,
                                                @ForAll @WithNull String body) {
        ResponseText opened = ResponseText.decode(ResponseText.of(new ResponseItems(input, output), body).encode());

        assertThat(opened.items()).isEqualTo(new ResponseItems(asUtf8(input), asUtf8(output)));
        assertThat(opened.body()).isEqualTo(body == null ? null : asUtf8(List.of(body)).getFirst());
    }

    private static List<String> asUtf8(List<String> texts) {
        return texts.stream().map(t -> new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).toList();
    }
}
