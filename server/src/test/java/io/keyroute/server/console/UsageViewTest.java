package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.it.VaultGateway.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** Usage in a real Chromium: the table and the CSV file hold the API's numbers; the grouping lives in the address. */
class UsageViewTest extends ManagementViewTest {
    private static List<JsonNode> usage(String token, String groupBy) {
        Response r = fixture.gateway().call("GET", "/api/v1/usage?group_by=" + groupBy, token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().get("data").forEach(rows::add);
        return rows;
    }

    private static void groupBy(String group) {
        new Select(browser.byLabel("Group by")).selectByVisibleText(group);
        browser.waitFor(() -> browser.url().endsWith("#/usage?group_by=" + group));
        browser.waitIdle();
    }

    /** A string the page sent as JSON: WebDriver's own transport does not keep a carriage return. */
    private static String text(Object json) {
        try {
            return Json.MAPPER.readValue((String) json, String.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theTableShowsTheApisRowsForTheGroupingTheAddressKeeps() {
        openAs(fixture.adminToken(), "Usage");
        groupBy("provider");
        List<JsonNode> api = usage(fixture.adminToken(), "provider");
        assertThat(api).extracting(r -> r.get("group").asText()).containsExactlyInAnyOrder("openai", "anthropic");
        List<Map<String, String>> shown = ViewSteps.rows(browser, "main");
        assertThat(shown).hasSameSizeAs(api);
        for (JsonNode row : api) {
            Map<String, String> line = shown.stream().filter(s -> s.get("Group").equals(row.get("group").asText()))
                    .findFirst().orElseThrow();
            assertThat(line.get("Requests")).isEqualTo(row.get("requests").asText());
            assertThat(line.get("Prompt tokens").replace(",", "")).isEqualTo(row.get("prompt_tokens").asText());
            assertThat(ViewSteps.usd(line.get("Cost"))).isEqualByComparingTo(row.get("cost_usd").decimalValue());
            assertThat(row.get("cost_usd").decimalValue().signum()).isPositive();
            assertThat(line.get("Prompt cached")).isEqualTo(row.get("cached_share").decimalValue()
                    .movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + " %");
        }
        assertThat(browser.script("return document.querySelector('main .chart canvas') !== null;")).isEqualTo(true);
        browser.screenshot("usage");

        browser.script("window.beforeReload = true; location.reload();"); // the grouping is in the address
        browser.waitFor(() -> Boolean.TRUE.equals(browser.script("return window.beforeReload === undefined"
                + " && document.querySelector('main#view:not([aria-busy]) select[name=group_by]') !== null;")));
        assertThat(new Select(browser.byLabel("Group by")).getFirstSelectedOption().getText()).isEqualTo("provider");
    }

    @Test
    void aMemberSeesOnlyTheirOwnUsage() {
        openAs(fixture.memberKey(), "Usage");
        groupBy("user");
        assertThat(ViewSteps.rows(browser, "main")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("Group", "max@acme.test")
                        .containsEntry("Requests", usage(fixture.memberKey(), "user").getFirst().get("requests").asText()));
    }

    @Test
    void exportCsvDownloadsTheTablesRowsAsTheApiGaveThem() {
        openAs(fixture.adminToken(), "Usage");
        groupBy("day");
        // Keep the file's text instead of letting Chromium write it to disk.
        browser.script("""
                window.exportedCsv = null;
                const real = URL.createObjectURL;
                URL.createObjectURL = blob => { blob.text().then(t => { window.exportedCsv = t; }); return real.call(URL, blob); };
                document.addEventListener('click', e => { if (e.target.matches('a[download]')) e.preventDefault(); }, true);""");
        browser.button("Export CSV").click();
        browser.waitFor(() -> browser.script("return window.exportedCsv;") != null);
        String csv = text(browser.script("return JSON.stringify(window.exportedCsv);"));

        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("group,requests,prompt_tokens,completion_tokens,cost_usd,errors,p50_ms,p95_ms,"
                + "cached_tokens,cached_share");
        List<JsonNode> api = usage(fixture.adminToken(), "day");
        assertThat(lines).hasSize(api.size() + 1);
        for (int i = 0; i < api.size(); i++) {
            JsonNode row = api.get(i);
            String[] cells = lines.get(i + 1).split(",", -1);
            assertThat(cells[0]).isEqualTo(row.get("group").asText());
            for (int c = 1; c < cells.length; c++) {
                String field = lines.getFirst().split(",")[c];
                assertThat(new BigDecimal(cells[c])).as(field).isEqualByComparingTo(row.get(field).decimalValue());
            }
        }
    }

    @Test
    void aCsvCellASpreadsheetWouldRunAsAFormulaStaysText() {
        openAs(fixture.adminToken(), "Usage");
        String csv = text(browser.script("return import(arguments[0]).then(m => JSON.stringify(m.toCsv(['group', 'requests'], arguments[1])));",
                "/ui/assets/" + ConsoleAssets.bundled().version() + "/js/parts/csv.js",
                List.of(Map.of("group", "=HYPERLINK(\"http://x\")", "requests", 1), Map.of("group", "+1", "requests", 2),
                        Map.of("group", "-2+3", "requests", 3), Map.of("group", "@SUM(A1)", "requests", 4),
                        Map.of("group", "a,b", "requests", 5), Map.of("group", "openai/gpt-4o", "requests", 6))));
        assertThat(csv).isEqualTo("group,requests\r\n\"'=HYPERLINK(\"\"http://x\"\")\",1\r\n'+1,2\r\n'-2+3,3\r\n"
                + "'@SUM(A1),4\r\n\"a,b\",5\r\nopenai/gpt-4o,6\r\n");
    }
}
