package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's shell in a real Chromium against a running gateway: serving and caching, the CSP,
 * sign-in and sign-out, what each role sees, values rendered as text, and no secret or foreign host
 * anywhere the page keeps or reaches.
 */
class ConsoleShellTest extends ManagementViewTest {
    static final List<String> ALL_VIEWS = List.of("Overview", "Providers", "Workspaces", "Users", "Keys",
            "Credentials", "Budgets", "Usage", "Requests", "Tools", "Audit", "Playground", "Experiments", "Config");
    /** Every view but the admin token's own (the config). */
    static final List<String> WORKSPACE_ADMIN_VIEWS = ALL_VIEWS.subList(0, ALL_VIEWS.size() - 1);
    /** What the management API lets a member use: their own keys, credentials, usage, requests and tool calls, and inference. */
    static final List<String> MEMBER_VIEWS = List.of("Overview", "Keys", "Credentials", "Usage", "Requests", "Tools",
            "Playground");
    private static final String XSS_WORKSPACE = "<img src=x onerror=window.__xss=1>";
    private static final String XSS_EMAIL = "<svg/onload=window.__xss=2>@evil.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        browser.screenshot("sign-in");
        browser.signIn(fixture.adminToken());
        assertThat(browser.nav()).containsExactlyElementsOf(ALL_VIEWS);
        assertThat(browser.header()).contains("Admin");
        assertThat(browser.sessionStorage()).containsEntry("keyroute.token", fixture.adminToken());
        browser.signOut();
        assertThat(browser.sessionStorage()).isEmpty();
        assertThat(browser.byLabel("Token").getAttribute("value")).isEmpty();
        assertThat(browser.pageText()).doesNotContain("Sign out");
    }

    @Test
    void theWorkspaceAdminSeesTheirWorkspacesViewsAndTheMemberOnlyTheirOwn() {
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.workspaceAdminKey());
        assertThat(browser.nav()).containsExactlyElementsOf(WORKSPACE_ADMIN_VIEWS);
        assertThat(browser.header()).contains("Workspace admin", "ada@acme.test", "acme");
        browser.signOut();

        browser.signIn(fixture.memberKey());
        assertThat(browser.nav()).containsExactlyElementsOf(MEMBER_VIEWS);
        assertThat(browser.header()).contains("Member", "max@acme.test", "acme");
        browser.script("location.hash = '#/audit';");
        browser.waitForText("Audit is not available to your role.");
        browser.signOut();
    }

    @Test
    void aTokenTheGatewayRefusesIsNotKept() {
        browser.open(fixture.baseUrl());
        browser.submitToken("kr-" + "NotAKeyNotAKeyNotAKeyNotAKeyNotAKeyNotAKey1");
        browser.waitFor(() -> browser.pageText().contains("The gateway did not accept this token."));
        assertThat(browser.sessionStorage()).isEmpty();
        assertThat(browser.nav()).isEmpty();
    }

    @Test
    void aWorkspaceOrEmailMadeOfMarkupShowsAsTextAndRunsNothing() {
        var gateway = fixture.gateway();
        Response ws = gateway.call("POST", "/api/v1/workspaces", fixture.adminToken(),
                "{\"name\":\"" + XSS_WORKSPACE + "\",\"plan\":\"pro\"}");
        assertThat(ws.status()).as(ws.body()).isEqualTo(201);
        Response user = gateway.call("POST", "/api/v1/workspaces/" + ws.text("id") + "/users", fixture.adminToken(),
                "{\"email\":\"" + XSS_EMAIL + "\",\"role\":\"admin\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String key = gateway.call("POST", "/api/v1/users/" + user.text("id") + "/keys", fixture.adminToken(),
                "{\"name\":\"<b>bold</b>\"}").text("key");

        browser.open(fixture.baseUrl());
        browser.signIn(key);
        assertThat(browser.header()).contains(XSS_WORKSPACE, XSS_EMAIL);
        visitEveryView();
        browser.signOut();
        browser.signIn(fixture.adminToken());
        visitEveryView();
        browser.signOut();
    }

    /** Every view in the navigation, checking after each that no markup from the data ran or became an element. */
    private static void visitEveryView() {
        for (String view : browser.nav()) {
            browser.go(view);
            assertThat(browser.script("return typeof window.__xss;")).as(view).isEqualTo("undefined");
            assertThat(browser.script("return document.querySelectorAll('[onerror], [onload], img[src=x]').length;"))
                    .as(view).isEqualTo(0L);
        }
    }

    @Test
    void noSecretInThePageItsStorageItsUrlOrACookieAndNoRequestToAnotherHost() {
        browser.open(fixture.baseUrl());
        for (String token : List.of(fixture.adminToken(), fixture.workspaceAdminKey(), fixture.memberKey())) {
            browser.signIn(token);
            List<String> seen = new ArrayList<>();
            for (String view : browser.nav()) {
                browser.go(view);
                seen.add(browser.dom());
                seen.add(browser.url());
                seen.add(browser.localStorage().toString());
                seen.add(browser.cookies().toString());
            }
            for (String secret : fixture.secrets()) {
                assertThat(seen).as("a page, URL, localStorage or cookie while signed in").noneMatch(s -> s.contains(secret));
            }
            assertThat(browser.fetchedUrls()).isNotEmpty().allMatch(url -> url.startsWith(fixture.baseUrl() + "/"));
            browser.signOut();
            String after = browser.dom() + browser.url() + browser.sessionStorage() + browser.localStorage() + browser.cookies();
            for (String secret : fixture.secrets()) {
                assertThat(after).as("after sign-out").doesNotContain(secret);
            }
            assertThat(browser.sessionStorage()).isEmpty();
            assertThat(browser.cookies()).isEmpty();
        }
        assertThat(browser.consoleErrors()).as("no CSP violation, no uncaught error")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("Uncaught"));
    }

    @Test
    void theThemeButtonSwitchesToDarkAndBack() {
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.adminToken());
        String light = (String) browser.script("return getComputedStyle(document.body).backgroundColor;");
        browser.button("Theme").click();
        browser.waitFor(() -> "dark".equals(browser.script("return document.documentElement.dataset.theme;")));
        assertThat(browser.script("return getComputedStyle(document.body).backgroundColor;")).isEqualTo("rgb(15, 19, 26)")
                .isNotEqualTo(light);
        browser.waitIdle();
        browser.screenshot("shell-dark");
        browser.button("Theme").click();
        browser.waitFor(() -> "light".equals(browser.script("return document.documentElement.dataset.theme;")));
        assertThat(browser.script("return getComputedStyle(document.body).backgroundColor;")).isEqualTo(light);
        browser.signOut();
    }
}
