package io.keyroute.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium, driven through its own chromedriver (never a driver Selenium
 * Manager would download), as a person uses the console: by labels, button names and link texts.
 * Every wait is on a condition. Without Chromium the tests are skipped, unless
 * {@code KEYROUTE_TEST_REQUIRE_SERVICES=true} (CI), where they fail.
 */
public final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "console");
    private static final String CONTROLS = "(self::input or self::select or self::textarea)";

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static ConsoleBrowser start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("KEYROUTE_TEST_REQUIRE_SERVICES"))) {
            throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER
                    + " are required (KEYROUTE_TEST_REQUIRE_SERVICES=true): apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " or " + CHROMEDRIVER + ": browser tests skipped");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // never Selenium Manager
        try {
            Path profile = Files.createTempDirectory("keyroute-chromium");
            var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=1400,1000");
            var logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
            var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            return new ConsoleBrowser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the console at {@code baseUrl}'s {@code /ui/}, signed out (a session an earlier test left is ended). */
    public void open(String baseUrl) {
        driver.get(baseUrl + "/ui/");
        waitFor(() -> !driver.findElements(By.cssSelector("form.signin, nav.nav")).isEmpty());
        if (!driver.findElements(By.cssSelector("nav.nav")).isEmpty()) {
            signOut();
        }
    }

    /** Signs in with {@code token} and waits for the navigation. */
    public void signIn(String token) {
        submitToken(token);
        waitFor(() -> !driver.findElements(By.cssSelector("nav.nav a")).isEmpty());
        waitIdle();
    }

    /** Types {@code token} into the sign-in form and presses {@code Sign in}, waiting for nothing. */
    public void submitToken(String token) {
        WebElement input = byLabel("Token");
        input.clear();
        input.sendKeys(token);
        button("Sign in").click();
    }

    /** Signs out with the button and waits for the sign-in form. */
    public void signOut() {
        button("Sign out").click();
        waitFor(() -> !driver.findElements(By.cssSelector("form.signin")).isEmpty());
    }

    /** Follows the navigation link named {@code viewName} and waits until that view has rendered. */
    public void go(String viewName) {
        driver.findElement(By.xpath("//nav//a[normalize-space(.)=" + literal(viewName) + "]")).click();
        waitFor(() -> driver.findElements(By.xpath("//nav//a[@aria-current='page']")).stream()
                .anyMatch(a -> a.getText().trim().equals(viewName)));
        waitIdle();
    }

    /** The link texts of the navigation, in order. */
    public List<String> nav() {
        return driver.findElements(By.cssSelector("nav.nav a")).stream().map(a -> a.getText().trim()).toList();
    }

    /** The input, select or textarea whose label (wrapping it, naming it with {@code for}, or aria-label) is {@code label}. */
    public WebElement byLabel(String label) {
        String l = literal(label);
        By by = By.xpath("//label[normalize-space(.)=" + l + " or ./*[normalize-space(.)=" + l + "]]//*[" + CONTROLS + "]"
                + " | //*[" + CONTROLS + " and @aria-label=" + l + "]"
                + " | //*[" + CONTROLS + " and @id=//label[normalize-space(.)=" + l + "]/@for]");
        waitFor(() -> driver.findElements(by).stream().anyMatch(WebElement::isDisplayed));
        return driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
    }

    /** The enabled, visible button whose accessible name (its text or aria-label) is {@code name}. */
    public WebElement button(String name) {
        String n = literal(name);
        By by = By.xpath("//button[normalize-space(.)=" + n + " or @aria-label=" + n + "]");
        waitFor(() -> driver.findElements(by).stream().anyMatch(b -> b.isDisplayed() && b.isEnabled()));
        return driver.findElements(by).stream().filter(b -> b.isDisplayed() && b.isEnabled()).findFirst().orElseThrow();
    }

    /** The first element {@code by} finds, once there is one. */
    public WebElement element(By by) {
        waitFor(() -> !driver.findElements(by).isEmpty());
        return driver.findElement(by);
    }

    /** Every element {@code by} finds now. */
    public List<WebElement> elements(By by) {
        return driver.findElements(by);
    }

    /** The visible text of the top bar (who is signed in). */
    public String header() {
        return driver.findElement(By.cssSelector("header.topbar")).getText();
    }

    /** The visible text of the whole page. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The visible text of {@code <main>}. */
    public String text() {
        return driver.findElement(By.id("view")).getText();
    }

    /** Waits until {@code condition} holds (elements replaced while it looks are looked at again). */
    public void waitFor(BooleanSupplier condition) {
        new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** Waits until {@code <main>}'s text contains {@code text}. */
    public void waitForText(String text) {
        waitFor(() -> text().contains(text));
    }

    /** Waits until the current view has finished rendering (its render promise settled). */
    public void waitIdle() {
        waitFor(() -> driver.findElements(By.cssSelector("main#view[aria-busy]")).isEmpty());
    }

    /** A PNG of the window at {@code target/console/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> sessionStorage() {
        return storage("sessionStorage");
    }

    public Map<String, Object> localStorage() {
        return storage("localStorage");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> storage(String which) {
        return (Map<String, Object>) script("return Object.assign({}, window." + which + ");");
    }

    public Set<Cookie> cookies() {
        return driver.manage().getCookies();
    }

    /** The browser's log entries of level SEVERE since the last call (failed loads, CSP violations, uncaught errors). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** The whole document as it is now (after scripts): for scans of what the page holds. */
    public String dom() {
        return (String) script("return document.documentElement.outerHTML;");
    }

    /** Every URL the page has fetched (documents, scripts, styles, API calls), from its performance entries. */
    @SuppressWarnings("unchecked")
    public List<String> fetchedUrls() {
        return (List<String>) script("return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));");
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Runs {@code js} in the page and returns its result. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** An XPath string literal of {@code text}, whatever quotes it holds. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
