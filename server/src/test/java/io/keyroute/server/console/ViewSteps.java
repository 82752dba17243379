package io.keyroute.server.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What the management view tests do through the page beyond {@link ConsoleBrowser}'s primitives,
 * each as a person would: sign in afresh, type into a labelled field, pick an option, answer the
 * confirmation dialog, look at which buttons a role is offered, read a view's tables and amounts.
 */
final class ViewSteps {
    private static final String READ_TABLES = """
            return [...document.querySelectorAll(arguments[0] + ' table.data')].flatMap(t => {
              const heads = [...t.tHead.rows[0].cells].map(c => c.textContent.trim());
              return [...t.tBodies[0].rows].map(r => Object.fromEntries([...r.cells].map((c, i) => [heads[i], c.textContent.trim()])));
            });""";

    private ViewSteps() {
    }

    /** The console at {@code baseUrl}, signed in with {@code token} (signing out whoever was first). */
    static void signIn(ConsoleBrowser browser, String baseUrl, String token) {
        browser.open(baseUrl);
        if (!buttons(browser).contains("Sign in")) {
            browser.signOut();
        }
        browser.signIn(token);
    }

    /** Types {@code text} into the field labelled {@code label}, or picks the option it names when that is a select. */
    static void fill(ConsoleBrowser browser, String label, String text) {
        WebElement field = browser.byLabel(label);
        if (field.getTagName().equals("select")) {
            new Select(field).selectByVisibleText(text);
            return;
        }
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Opens a form with the button {@code opener}, fills it ({@code fields}: label, text, label,
     * text…), sends it with {@code submit} and waits until the view says {@code said}.
     */
    static void submit(ConsoleBrowser browser, String opener, String submit, String said, String... fields) {
        browser.button(opener).click();
        for (int i = 0; i < fields.length; i += 2) {
            fill(browser, fields[i], fields[i + 1]);
        }
        browser.button(submit).click();
        browser.waitForText(said);
    }

    /** Presses {@code action} in the open confirmation dialog and waits until it has closed. */
    static void confirm(ConsoleBrowser browser, String action) {
        browser.waitFor(() -> dialogOpen(browser));
        browser.button(action).click();
        browser.waitFor(() -> !dialogOpen(browser));
    }

    /** Presses Cancel in the open confirmation dialog and waits until it has closed. */
    static void cancel(ConsoleBrowser browser) {
        confirm(browser, "Cancel");
    }

    private static boolean dialogOpen(ConsoleBrowser browser) {
        return (Boolean) browser.script("return document.querySelector('dialog[open]') !== null;");
    }

    /** The accessible names (aria-label, else text) of the buttons now on the page. */
    @SuppressWarnings("unchecked")
    static List<String> buttons(ConsoleBrowser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('button')]"
                + ".map(b => b.getAttribute('aria-label') || b.textContent.trim());");
    }

    /** The rows of every data table inside {@code scope} (a CSS selector), each cell's text under its column's label. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> rows(ConsoleBrowser browser, String scope) {
        return (List<Map<String, String>>) browser.script(READ_TABLES, scope);
    }

    /** A dollar amount as the console prints it ({@code $0.000036}, {@code $1,234.50}). */
    static BigDecimal usd(String text) {
        return new BigDecimal(text.replace("$", "").replace(",", "").trim());
    }
}
