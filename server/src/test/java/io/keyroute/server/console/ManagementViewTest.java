package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.VaultGateway.Response;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A view's tests (the shell, Overview, Providers, Workspaces, Users, Keys, Credentials, Budgets, Usage,
 * Requests, Audit, Playground): one browser and one seeded gateway per class, and the API calls with which a test
 * checks that what it did in the page happened (as any client would see it), not only that the
 * page says so.
 */
abstract class ManagementViewTest {
    static ConsoleBrowser browser;
    static ConsoleFixture fixture;

    @BeforeAll
    static void start() {
        browser = ConsoleBrowser.start();
        fixture = ConsoleFixture.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    /** No script error, CSP violation or failed asset: only the API's refusals a test asked for (4xx answers). */
    @AfterEach
    void thePageLoggedNoError() {
        assertThat(browser.consoleErrors()).allMatch(e -> e.matches(".*the server responded with a status of 4\\d\\d.*"));
    }

    /** The console signed in afresh with {@code token}, showing {@code view}. */
    static void openAs(String token, String view) {
        ViewSteps.signIn(browser, fixture.baseUrl(), token);
        browser.go(view);
    }

    static Response call(String token, String method, String path, String body) {
        return fixture.gateway().call(method, path, token, body);
    }

    static Response admin(String method, String path, String body) {
        return call(fixture.adminToken(), method, path, body);
    }

    static Response created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    /** The item of the list at {@code path} (as {@code token} sees it) whose {@code field} is {@code value}. */
    static Optional<JsonNode> listed(String token, String path, String field, String value) {
        Response list = call(token, "GET", path, null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return StreamSupport.stream(list.json().path("data").spliterator(), false)
                .filter(item -> item.path(field).asText().equals(value)).findFirst();
    }
}
