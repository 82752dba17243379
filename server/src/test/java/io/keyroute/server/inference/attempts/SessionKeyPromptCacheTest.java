package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.Caller;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

/**
 * A session's prompt-cache key is what OpenAI sees of a conversation: a hash that names neither the
 * caller nor the session id, the same on every turn, and a different one for another caller, session
 * or model.
 */
class SessionKeyPromptCacheTest {

    private static SessionKey key(String user, String session, String model) {
        return SessionKey.of(Caller.unrestricted("key_" + user, user), session, model).orElseThrow();
    }

    @Property(tries = 300)
    void aSessionsKeyIsAStableHashThatNamesNeitherCallerNorSession(
            @ForAll @NotBlank @StringLength(min = 8, max = SessionKey.MAX_SESSION_CHARS - 2) String session) {
        String cacheKey = key("user_dev", session, "auto").promptCacheKey();

        assertThat(cacheKey).matches("kr-[0-9a-f]{32}").hasSizeLessThanOrEqualTo(64)
                .doesNotContain("user_dev");
        assertThat(key("user_dev", session, "auto").promptCacheKey()).isEqualTo(cacheKey);
        assertThat(key("user_other", session, "auto").promptCacheKey()).isNotEqualTo(cacheKey);
        assertThat(key("user_dev", session + "-2", "auto").promptCacheKey()).isNotEqualTo(cacheKey);
        assertThat(key("user_dev", session, "openai/gpt-4.1").promptCacheKey()).isNotEqualTo(cacheKey);
    }
}
