package io.keyroute.server.console;

import static io.keyroute.server.console.ViewSteps.confirm;
import static io.keyroute.server.console.ViewSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Secret;
import org.junit.jupiter.api.Test;

/**
 * The Credentials view in a real browser: add, rotate, set default, validate and delete, checked
 * through the API; a provider key typed into it never reaches the page, only its mask.
 */
class CredentialsViewTest extends ManagementViewTest {
    private static final String MINE = "/api/v1/users/me/llm-credentials";
    /** A key of OpenAI's shape that the fake does not accept. */
    private static final String TYPED = "sk-proj-" + "TypedTypedTypedTypedTyped0042";

    @Test
    void aMemberAddsValidatesRotatesMakesDefaultAndDeletesACredentialWithoutItsKeyEverInThePage() {
        openAs(fixture.memberKey(), "Credentials");
        browser.waitForText("max personal");
        assertThat(browser.text()).contains(Secret.of(ConsoleFixture.MAX_OPENAI_KEY).masked());

        submit(browser, "Add credential", "Add", "Stored spare (" + Secret.of(TYPED).masked() + ").",
                "Provider", "openai", "API key", TYPED, "Name", "spare");
        JsonNode spare = listed(fixture.memberKey(), MINE, "name", "spare").orElseThrow();
        assertThat(spare.path("masked_key").asText()).isEqualTo(Secret.of(TYPED).masked());
        assertThat(spare.path("is_default").asBoolean()).as("max personal stays the default").isFalse();
        String url = MINE + "/" + spare.path("id").asText();
        assertThat(browser.dom()).doesNotContain(TYPED).contains(Secret.of(TYPED).masked());

        browser.button("Validate my spare").click();
        browser.waitForText("spare failed validation:");
        assertThat(call(fixture.memberKey(), "GET", url, null).text("last_error")).isNotBlank();

        submit(browser, "Rotate my spare", "Rotate", "Rotated spare: now version 2",
                "New API key", ConsoleFixture.MAX_OPENAI_KEY);
        assertThat(call(fixture.memberKey(), "GET", url, null).json().path("version").asInt()).isEqualTo(2);
        browser.button("Validate my spare").click();
        browser.waitForText("spare is valid (checked ");
        JsonNode validated = call(fixture.memberKey(), "GET", url, null).json();
        assertThat(validated.path("validated_at").isTextual()).isTrue();
        assertThat(validated.path("last_error").isNull()).isTrue();

        browser.button("Make default my spare").click();
        browser.waitForText("spare is now the default for openai.");
        assertThat(call(fixture.memberKey(), "GET", url, null).json().path("is_default").asBoolean()).isTrue();
        assertThat(listed(fixture.memberKey(), MINE, "name", "max personal").orElseThrow().path("is_default").asBoolean())
                .isFalse();

        browser.button("Delete my spare").click();
        confirm(browser, "Delete credential");
        browser.waitForText("Deleted spare.");
        assertThat(call(fixture.memberKey(), "GET", url, null).status()).isEqualTo(404);
        assertThat(browser.dom()).doesNotContain(TYPED).doesNotContain(ConsoleFixture.MAX_OPENAI_KEY);
    }

    @Test
    void aDisabledCredentialIsNotUsedUntilEnabledAgain() {
        String key = created(call(fixture.memberKey(), "POST", "/api/v1/users/me/keys", "{\"name\":\"disabling\"}"))
                .text("key");
        openAs(fixture.memberKey(), "Credentials");
        browser.button("Disable my max personal").click();
        browser.waitForText("max personal is disabled: requests no longer use it.");
        String url = MINE + "/" + fixture.memberCredentialId();
        assertThat(call(fixture.memberKey(), "GET", url, null).json().path("is_active").asBoolean()).isFalse();
        var refused = fixture.gateway().chat(key, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("no_credential");

        browser.button("Enable my max personal").click();
        browser.waitForText("max personal is enabled.");
        assertThat(call(fixture.memberKey(), "GET", url, null).json().path("is_active").asBoolean()).isTrue();
        assertThat(fixture.gateway().chat(key, null).status()).isEqualTo(200);
    }

    @Test
    void theTypedKeyIsClearedEvenWhenTheGatewayRefusesIt() {
        openAs(fixture.memberKey(), "Credentials");
        submit(browser, "Add credential", "Add", "A credential named 'max personal' already exists.",
                "Provider", "openai", "API key", TYPED, "Name", "max personal");
        assertThat(browser.byLabel("API key").getAttribute("value")).isEmpty();
        assertThat(browser.byLabel("API key").getAttribute("type")).isEqualTo("password");
        assertThat(browser.dom()).doesNotContain(TYPED);
    }

    @Test
    void aWorkspaceAdminAddsAWorkspaceCredentialBesideItsOwn() {
        openAs(fixture.workspaceAdminKey(), "Credentials");
        assertThat(browser.text()).contains("Your credentials", "Workspace credentials (acme)");
        submit(browser, "Add workspace credential", "Add", "Stored acme shared",
                "Provider", "openai", "API key", TYPED, "Name", "acme shared");
        String workspace = "/api/v1/workspaces/" + fixture.workspaceId() + "/llm-credentials";
        assertThat(listed(fixture.workspaceAdminKey(), workspace, "name", "acme shared")).isPresent();
        assertThat(listed(fixture.workspaceAdminKey(), MINE, "name", "acme shared")).as("not ada's own").isEmpty();
        browser.screenshot("credentials");
    }

    @Test
    void theAdminTokenIsToldItHasNoCredentialsOfItsOwnAndManagesAWorkspaces() {
        openAs(fixture.adminToken(), "Credentials");
        assertThat(browser.text()).contains("The admin token has no user, so it has no credentials of its own",
                "Workspace credentials (acme)");
        assertThat(browser.text()).doesNotContain("Your credentials", "max personal");
    }
}
