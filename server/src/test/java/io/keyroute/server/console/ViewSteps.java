package io.keyroute.server.console;

import java.util.List;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What the management view tests do through the page beyond {@link ConsoleBrowser}'s primitives,
 * each as a person would: sign in afresh, type into a labelled field, pick an option, answer the
 * confirmation dialog, look at which buttons a role is offered.
 */
final class ViewSteps {
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

    /** Replaces the text of the field labelled {@code label}. */
    static void fill(ConsoleBrowser browser, String label, String text) {
        WebElement input = browser.byLabel(label);
        input.clear();
        input.sendKeys(text);
    }

    /** Picks the option shown as {@code option} in the select labelled {@code label}. */
    static void choose(ConsoleBrowser browser, String label, String option) {
        new Select(browser.byLabel(label)).selectByVisibleText(option);
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
}
