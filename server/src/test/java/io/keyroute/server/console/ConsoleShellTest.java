package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's shell in a real Chromium against a running gateway: serving, sign-in and sign-out, what each role sees. */
class ConsoleShellTest {
    private static final List<String> ALL_VIEWS = List.of("Overview", "Providers", "Workspaces", "Users", "Keys",
            "Credentials", "Budgets", "Usage", "Requests", "Audit", "Playground");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConsoleFixture fixture;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        fixture = ConsoleFixture.start();
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theShellIsRevalidatedAndItsVersionedAssetsAreCachedForAYear() throws Exception {
        HttpResponse<String> index = get("/ui/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String version = ConsoleAssets.bundled().version();
        assertThat(version).matches("[0-9a-f]{12}");
        assertThat(index.body()).contains("assets/" + version + "/js/app.js", "assets/" + version + "/console.css")
                .doesNotContain("%VERSION%");

        HttpResponse<String> app = get("/ui/assets/" + version + "/js/app.js");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(app.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        HttpResponse<String> uplot = get("/ui/assets/" + version + "/vendor/uplot/uPlot.esm.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("export { uPlot as default }");

        assertThat(get("/ui").statusCode()).isEqualTo(301);
        for (String missing : List.of("/ui/assets/" + version + "/js/nope.js", "/ui/assets/0123456789ab/js/app.js",
                "/ui/assets/" + version + "/../../index.html", "/ui/assets/" + version + "/%2e%2e/%2e%2e/index.html",
                "/ui/assets/" + version + "/js/../../../META-INF/MANIFEST.MF", "/ui/index.html", "/ui/nope")) {
            HttpResponse<String> answer = get(missing);
            assertThat(answer.statusCode()).as(missing).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(missing).isPresent();
        }
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicy() throws Exception {
        HttpResponse<String> index = get("/ui/");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                        + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(index.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=");
    }

    @Test
    void meAnswersTheCallersRoleAndForAKeyItsUserWorkspaceAndMaskedKey() {
        var gateway = fixture.gateway();
        assertThat(gateway.call("GET", "/api/v1/me", fixture.adminToken(), null).body()).isEqualTo("{\"role\":\"admin\"}");
        var ada = gateway.call("GET", "/api/v1/me", fixture.workspaceAdminKey(), null);
        assertThat(ada.status()).isEqualTo(200);
        assertThat(ada.text("role")).isEqualTo("workspace_admin");
        assertThat(ada.json().at("/user/email").asText()).isEqualTo("ada@acme.test");
        assertThat(ada.json().at("/workspace/name").asText()).isEqualTo("acme");
        String key = fixture.workspaceAdminKey();
        assertThat(ada.json().at("/key/masked").asText()).isEqualTo("kr-…" + key.substring(key.length() - 4));
        assertThat(ada.body()).doesNotContain(key);
        var max = gateway.call("GET", "/api/v1/me", fixture.memberKey(), null);
        assertThat(max.text("role")).isEqualTo("member");
        assertThat(max.json().at("/user/id").asText()).isEqualTo(fixture.memberId());
        assertThat(gateway.call("GET", "/api/v1/me", null, null).status()).isEqualTo(401);
    }

    @Test
    void theAdminSignsInSeesEveryViewAndSignsOut() {
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.adminToken());
        assertThat(browser.nav()).containsExactlyElementsOf(ALL_VIEWS);
        browser.screenshot("shell");
        assertThat(browser.sessionStorage()).containsEntry("keyroute.token", fixture.adminToken());
        browser.signOut();
        browser.screenshot("sign-in");
        assertThat(browser.sessionStorage()).isEmpty();
        assertThat(browser.byLabel("Token").getAttribute("value")).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
