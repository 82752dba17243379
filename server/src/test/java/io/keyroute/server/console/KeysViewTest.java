package io.keyroute.server.console;

import static io.keyroute.server.console.ViewSteps.cancel;
import static io.keyroute.server.console.ViewSteps.confirm;
import static io.keyroute.server.console.ViewSteps.fill;
import static io.keyroute.server.console.ViewSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Keys view in a real browser: a key issued there works for a chat through the fakes, its
 * plaintext is shown once and kept nowhere, limits changed there apply, a key revoked there is 401.
 */
class KeysViewTest extends ManagementViewTest {
    private static final String MINE = "/api/v1/users/me/keys";
    private static final String EXPIRES = "Expires at (date or RFC 3339, UTC)";

    @Test
    void aMemberIssuesAKeyThatWorksWhosePlaintextIsShownOnceAndKeptNowhere() {
        openAs(fixture.memberKey(), "Keys");
        submit(browser, "Issue key", "Issue", "Copy it now", "Name", "ci runner", "Requests per minute", "30",
                "Budget (USD)", "2.5", "Models (comma-separated, empty for all)", "openai/gpt-4o-mini, openai/gpt-4.1",
                EXPIRES, "2099-01-31");
        String plaintext = (String) browser.script("return document.querySelector('.reveal code').textContent;");
        assertThat(plaintext).startsWith("kr-");

        JsonNode issued = listed(fixture.memberKey(), MINE, "name", "ci runner").orElseThrow();
        assertThat(issued.path("rpm").asInt()).isEqualTo(30);
        assertThat(issued.path("budget_usd").asDouble()).isEqualTo(2.5);
        assertThat(issued.path("models").toString()).isEqualTo("[\"openai/gpt-4o-mini\",\"openai/gpt-4.1\"]");
        assertThat(Instant.parse(issued.path("expires_at").asText())).isEqualTo(Instant.parse("2099-01-31T00:00:00Z"));
        assertThat(fixture.gateway().chat(plaintext, null).status()).as("the issued key works").isEqualTo(200);
        assertThat(browser.text()).contains(issued.path("masked").asText());

        browser.button("Copy").click();
        browser.waitForText("Copied to the clipboard.");
        assertThat(browser.sessionStorage().values()).noneMatch(v -> String.valueOf(v).contains(plaintext));
        assertThat(browser.localStorage().values()).noneMatch(v -> String.valueOf(v).contains(plaintext));

        browser.go("Credentials");
        assertThat(browser.dom()).doesNotContain(plaintext);
        browser.go("Keys");
        browser.waitForText("ci runner");
        assertThat(browser.dom()).doesNotContain(plaintext).contains(issued.path("masked").asText());
        assertThat(browser.sessionStorage().values()).noneMatch(v -> String.valueOf(v).contains(plaintext));
        assertThat(browser.localStorage().values()).noneMatch(v -> String.valueOf(v).contains(plaintext));
        assertThat(browser.url()).doesNotContain(plaintext);
        assertThat(browser.cookies()).noneMatch(c -> c.getValue().contains(plaintext));
        browser.screenshot("keys");
    }

    @Test
    void dismissingTheNewKeyRemovesItsPlaintextFromThePage() {
        openAs(fixture.memberKey(), "Keys");
        submit(browser, "Issue key", "Issue", "Copy it now", "Name", "one-off");
        String plaintext = (String) browser.script("return document.querySelector('.reveal code').textContent;");
        browser.button("Done").click();
        browser.waitFor(() -> !browser.dom().contains(plaintext));
        assertThat(browser.text()).contains("one-off");
    }

    @Test
    void changedLimitsApplyAndARevokedKeyIsRefusedAtOnce() {
        String key = created(call(fixture.memberKey(), "POST", MINE, "{\"name\":\"temp\"}")).text("key");
        openAs(fixture.memberKey(), "Keys");
        submit(browser, "Change limits temp", "Save", "Saved key temp.", "Tokens per minute", "5000");
        JsonNode changed = listed(fixture.memberKey(), MINE, "name", "temp").orElseThrow();
        assertThat(changed.path("tpm").asInt()).isEqualTo(5000);
        assertThat(changed.path("rpm").isNull()).as("untouched fields are not sent").isTrue();

        browser.button("Revoke temp").click();
        cancel(browser);
        assertThat(fixture.gateway().chat(key, null).status()).as("cancelled").isEqualTo(200);

        browser.button("Revoke temp").click();
        confirm(browser, "Revoke key");
        browser.waitForText("Revoked key temp.");
        assertThat(fixture.gateway().chat(key, null).status()).isEqualTo(401);
        assertThat(listed(fixture.memberKey(), MINE, "name", "temp")).isEmpty();
    }

    @Test
    void aRefusedExpiryShowsTheApisMessageInTheForm() {
        openAs(fixture.memberKey(), "Keys");
        submit(browser, "Issue key", "Issue", "'expires_at' must be an RFC 3339 time.",
                "Name", "someday", EXPIRES, "next tuesday");
        assertThat(listed(fixture.memberKey(), MINE, "name", "someday")).isEmpty();
        assertThat(browser.byLabel("Name").getAttribute("value")).as("the form stays, as typed").isEqualTo("someday");
    }

    @Test
    void theAdminTokenIssuesAKeyForAUserItPicks() {
        openAs(fixture.adminToken(), "Keys");
        fill(browser, "Workspace", "acme (pro)");
        fill(browser, "User", "max@acme.test (member)");
        browser.waitForText("max cli");
        submit(browser, "Issue key", "Issue", "Copy it now", "Name", "issued by admin");
        JsonNode issued = listed(fixture.adminToken(), "/api/v1/users/" + fixture.memberId() + "/keys", "name",
                "issued by admin").orElseThrow();
        assertThat(issued.path("user_id").asText()).isEqualTo(fixture.memberId());
    }
}
