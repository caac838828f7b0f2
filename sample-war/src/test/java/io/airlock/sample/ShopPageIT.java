package io.airlock.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless browser: Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium. Both paths are given explicitly, so Selenium Manager never downloads anything. Skipped, with a
 * message saying what to install, where Chromium is missing.
 */
@ExtendWith(ArquillianExtension.class)
class ShopPageIT {

    static final String CHROMIUM = System.getProperty("shop.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("shop.chromedriver", "/usr/bin/chromedriver");

    @Deployment(testable = false)
    static WebArchive shop() {
        return ShopDeployment.war();
    }

    @ArquillianResource
    URL base;

    ChromeDriver browser;
    ChromeDriverService service;
    Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Skipped: no headless browser. Install Debian's packages to run this test: "
                        + "apt-get install -y chromium chromium-driver (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        profile = Files.createTempDirectory("shop-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1100,1300", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static final String GREEN = "rgba(31, 138, 76, 1)";
    static final String AMBER = "rgba(183, 121, 31, 1)";
    static final String RED = "rgba(197, 48, 48, 1)";

    @Test
    void checkoutShowsTheEffectsEscapingAndAFailedCheckoutShowsNothingEscaped() throws Exception {
        WebDriverWait wait = open();

        // checkout: the button is busy until the answer, then the email and the warehouse call appear as escaped
        assertBusyUntilAnswered(wait, () -> browser.findElement(By.id("checkout")), "Check out");
        long ok = orderIdFromMessage(wait, "Thank you!");
        wait.until(d -> effects(ok).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));
        assertEquals("2 side effects escaped", summary(wait, ok, "checkout"));
        // the test server has no MicroProfile Telemetry: each effect says it has no trace id
        assertEquals(List.of("trace none", "trace none"), wait.until(d -> {
            List<String> traces = traces(ok);
            return traces.size() == 2 ? traces : null;
        }));
        assertEquals(GREEN, wait.until(d -> card(ok).getCssValue("border-left-color")));
        assertEquals(GREEN, wait.until(d -> summaryOf(ok, "checkout").getCssValue("color")));
        assertEquals("Ada <ada@example.com>", wait.until(d -> card(ok).findElement(By.className("who")).getText()));

        // a declined payment: the page says sorry, the order shows that nothing escaped
        assertBusyUntilAnswered(wait, () -> browser.findElement(By.id("checkout-declined")), "Check out, payment declined");
        long failed = orderIdFromMessage(wait, "Sorry");
        assertEquals(List.of("email DROPPED", "warehouse DROPPED"), renderedEffects(wait, failed, 2));

        // a later checkout's warehouse call has arrived, so the failed one's would have too: still nothing
        browser.findElement(By.id("checkout")).click();
        long later = orderIdFromMessage(wait, "Thank you!");
        wait.until(d -> effects(later).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));
        assertEquals(List.of("email DROPPED", "warehouse DROPPED"), renderedEffects(wait, failed, 2));
        assertEquals("Nothing escaped", summary(wait, failed, "checkout"));
        assertEquals(RED, wait.until(d -> card(failed).getCssValue("border-left-color")));
        String failedCard = wait.until(d -> card(failed).getText());
        assertTrue(failedCard.toLowerCase(java.util.Locale.ROOT).contains("payment declined"), failedCard);
        // a failed order was never paid: nothing to re-process
        assertEquals(0, (int) wait.until(d -> card(failed).findElements(By.cssSelector("button.reprocess")).size()));

        screenshot("shop.png");
    }

    @Test
    void anEmptyCustomerAndEmailAreRefusedNamingTheFields() throws Exception {
        WebDriverWait wait = open();
        browser.findElement(By.id("checkout")).click();
        long before = orderIdFromMessage(wait, "Thank you!");

        browser.findElement(By.name("customer")).clear();
        browser.findElement(By.name("email")).clear();
        browser.findElement(By.id("checkout")).click();
        String error = wait.until(d -> {
            String t = d.findElement(By.id("message")).getText();
            return t.startsWith("Error:") ? t : null;
        });
        assertEquals("Error: customer is empty: enter one, e.g. Ada; email is empty: enter one, e.g. ada@example.com.", error);
        assertEquals("error", browser.findElement(By.id("message")).getDomAttribute("class"));
        assertEquals("true", browser.findElement(By.name("customer")).getDomAttribute("aria-invalid"));
        assertEquals("true", browser.findElement(By.name("email")).getDomAttribute("aria-invalid"));
        assertEquals("false", browser.findElement(By.name("item")).getDomAttribute("aria-invalid"));
        screenshot("invalid-input.png");
        // no order was created: the newest card is still the one before
        assertEquals(String.valueOf(before), wait.until(d -> d.findElement(By.cssSelector("article.order")).getDomAttribute("data-order-id")));
        assertEquals("", wait.until(d -> d.findElements(By.cssSelector("span.who")).stream().map(WebElement::getText)
                .filter(who -> who.contains("<>")).collect(java.util.stream.Collectors.joining())), "no order without customer or email");

        browser.findElement(By.name("customer")).sendKeys("Lin");
        browser.findElement(By.name("email")).sendKeys("lin@example.com");
        browser.findElement(By.id("checkout")).click();
        long lin = orderIdFromMessage(wait, "Thank you!");
        assertEquals(before + 1, lin);
        assertEquals("false", browser.findElement(By.name("customer")).getDomAttribute("aria-invalid"));
        assertEquals("Lin <lin@example.com>", wait.until(d -> card(lin).findElement(By.className("who")).getText()));
    }

    @Test
    void aDryRunIsShownUntilTheNextFlowAndTakesNoOrderNumbers() throws Exception {
        WebDriverWait wait = open();

        assertBusyUntilAnswered(wait, () -> browser.findElement(By.id("dry-run")), "Dry-run bulk import");
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Dry run: 3 rows, 6 intents"));
        WebElement panel = browser.findElement(By.id("dry-run-result"));
        assertTrue(panel.isDisplayed());
        List<String> wouldSend = panel.findElements(By.cssSelector("li.would-send")).stream().map(WebElement::getText).toList();
        assertEquals(6, wouldSend.size(), wouldSend.toString());
        Matcher first = Pattern.compile("^sendConfirmation\\((\\d+), \"grace@example.com\"\\)$").matcher(wouldSend.get(0));
        assertTrue(first.find(), wouldSend.toString());
        screenshot("dry-run.png");

        // the next flow replaces the dry run's answer, and its order takes the first number the dry run showed
        browser.findElement(By.id("checkout")).click();
        long id = orderIdFromMessage(wait, "Thank you!");
        assertFalse(browser.findElement(By.id("dry-run-result")).isDisplayed(), "the dry run's panel is gone");
        assertEquals(Long.parseLong(first.group(1)), id, "the dry run took no order number: " + wouldSend);
    }

    @Test
    void aReprocessIsAStepOfItsOwnAndAShippedOrderIsNotReprocessed() throws Exception {
        WebDriverWait wait = open();
        browser.findElement(By.id("checkout")).click();
        long id = orderIdFromMessage(wait, "Thank you!");
        wait.until(d -> effects(id).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));

        // the card is re-rendered every second: the button stays busy across the re-render
        assertBusyUntilAnswered(wait, () -> card(id).findElement(By.cssSelector("button.reprocess")), "Re-process (no second email)");
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Order " + id + " processed again"));
        assertEquals("1 side effect escaped, 1 dropped", wait.until(d -> {
            String s = summary(id, "re-process 1");
            return s.startsWith("1 side effect escaped") ? s : null;
        }));
        assertEquals("2 side effects escaped", summary(wait, id, "checkout"), "the first run is counted on its own");
        assertEquals(List.of("email ESCAPED", "warehouse ESCAPED"), stepEffects(id, "checkout"));
        assertEquals(List.of("email DROPPED", "warehouse ESCAPED"), stepEffects(id, "re-process 1"));
        assertEquals(GREEN, wait.until(d -> card(id).getCssValue("border-left-color")));
        screenshot("reprocessed.png");

        assertBusyUntilAnswered(wait, () -> browser.findElement(By.id("ship-now")), "Run shipping batch now");
        wait.until(d -> "SHIPPED".equals(card(id).getDomAttribute("data-status")));
        assertEquals("1 side effect escaped", wait.until(d -> {
            String s = summary(id, "shipping");
            return s.equals("1 side effect escaped") ? s : null;
        }));
        assertEquals(0, (int) wait.until(d -> card(id).findElements(By.cssSelector("button.reprocess")).size()), "a shipped order is not re-processed");
    }

    @Test
    void aWarehouseCallThatKeepsFailingIsShownRetryingThenFailedAndCanBeResubmitted() throws Exception {
        WebDriverWait wait = open();

        assertBusyUntilAnswered(wait, () -> browser.findElement(By.id("warehouse-link")), "Cut warehouse link");
        wait.until(d -> "false".equals(d.findElement(By.id("warehouse-link")).getDomAttribute("data-up")));
        assertEquals("Restore warehouse link", browser.findElement(By.id("warehouse-link")).getText());
        long id;
        try {
            browser.findElement(By.id("checkout")).click();
            // the failure comes after the commit: the order stands, and the page says that the store retries the call
            String told = wait.until(d -> {
                String t = d.findElement(By.id("message")).getText();
                return t.startsWith("Thank you!") && t.contains("failed after the commit") ? t : null;
            });
            id = orderId(told);
            assertTrue(told.contains("warehouse call failed after the commit (the link to the warehouse is down)")
                    && told.contains("the shop retries it by itself"), told);
            assertEquals("warn", browser.findElement(By.id("message")).getDomAttribute("class"));
            assertEquals("1 side effect retrying, 1 escaped", summary(wait, id, "checkout"));
            assertEquals(AMBER, wait.until(d -> card(id).getCssValue("border-left-color")));
            assertEquals(AMBER, wait.until(d -> summaryOf(id, "checkout").getCssValue("color")));

            // its retries are spent: red, and the message says so
            wait.until(d -> effects(id).contains("warehouse FAILED"));
            assertEquals("1 side effect failed, 1 escaped", summary(wait, id, "checkout"));
            assertEquals(RED, wait.until(d -> card(id).getCssValue("border-left-color")));
            assertEquals(RED, wait.until(d -> summaryOf(id, "checkout").getCssValue("color")));
            wait.until(d -> d.findElement(By.id("message")).getText().contains("failed for good"));
            screenshot("failed-effect.png");
        } finally {
            browser.findElement(By.id("warehouse-link")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("warehouse-link")).getDomAttribute("data-up")));
        }
        assertBusyUntilAnswered(wait, () -> card(id).findElement(By.cssSelector("li.effect[data-kind='warehouse'] button.resubmit")), "Resubmit");
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Resubmitted"));
        wait.until(d -> effects(id).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));
        assertEquals("2 side effects escaped", wait.until(d -> {
            String s = summary(id, "checkout");
            return s.equals("2 side effects escaped") ? s : null;
        }));
        assertEquals(GREEN, wait.until(d -> card(id).getCssValue("border-left-color")));
        screenshot("resubmitted.png");
    }

    /** Opens the page; the wait retries a read that met an element the page's refresh (every second) replaced. */
    private WebDriverWait open() {
        browser.get(base.toString());
        WebDriverWait wait = pageWait();
        wait.until(d -> d.findElement(By.id("warehouse-link")).getDomAttribute("data-up") != null);
        return wait;
    }

    /**
     * Holds the page's POST requests, clicks the button, and checks that it says "Working…", is disabled, ignores a
     * second click and stays so across a refresh of the list; then lets the request go and sees the button back.
     */
    private void assertBusyUntilAnswered(WebDriverWait wait, java.util.function.Supplier<WebElement> button, String label) throws Exception {
        browser.executeScript("""
                if (!window.heldPosts) {
                  window.heldPosts = [];
                  const real = window.fetch;
                  window.fetch = (url, options) => window.holdPosts && options && options.method === 'POST'
                    ? new Promise(go => window.heldPosts.push(go)).then(() => real(url, options)) : real(url, options);
                }
                window.holdPosts = true;""");
        try {
            wait.until(d -> button.get().getText().equals(label));
            wait.until(d -> {
                button.get().click();
                return true;
            });
            wait.until(d -> button.get().getText().equals("Working…"));
            assertEquals("disabled, aria-busy=true, 1 spinner", wait.until(d -> busyState(button.get())));
            wait.until(d -> {
                button.get().click();
                return true;
            });
            Thread.sleep(1200); // the list refreshes every second
            assertEquals("Working…", wait.until(d -> button.get().getText()));
            assertEquals("disabled, aria-busy=true, 1 spinner", wait.until(d -> busyState(button.get())));
            assertEquals(1L, browser.executeScript("return window.heldPosts.length"), "the second click sent nothing");
            if (label.equals("Check out")) {
                screenshot("busy.png");
            }
        } finally {
            browser.executeScript("window.holdPosts = false; window.heldPosts.splice(0).forEach(go => go());");
        }
        wait.until(d -> {
            try {
                WebElement b = button.get();
                return !b.getText().equals("Working…") && b.isEnabled() ? b : null;
            } catch (org.openqa.selenium.NoSuchElementException goneWithTheRefresh) {
                return goneWithTheRefresh; // e.g. the Resubmit button of an effect that is no longer FAILED
            }
        });
    }

    private long orderIdFromMessage(WebDriverWait wait, String start) {
        String text = wait.until(d -> {
            String t = d.findElement(By.id("message")).getText();
            return t.startsWith(start) ? t : null;
        });
        long id = orderId(text);
        // the message is shown before the list refreshes: wait for this order's card, then for the next message
        wait.until(d -> !d.findElements(By.cssSelector("article[data-order-id='" + id + "']")).isEmpty());
        browser.executeScript("document.getElementById('message').textContent = ''");
        return id;
    }

    private static String busyState(WebElement button) {
        return (button.isEnabled() ? "enabled" : "disabled") + ", aria-busy=" + button.getDomAttribute("aria-busy") + ", "
                + button.findElements(By.className("spinner")).size() + " spinner";
    }

    private long orderId(String message) {
        Matcher m = Pattern.compile("[Oo]rder (\\d+)").matcher(message);
        assertTrue(m.find(), message);
        long id = Long.parseLong(m.group(1));
        pageWait().until(d -> !d.findElements(By.cssSelector("article[data-order-id='" + id + "']")).isEmpty());
        return id;
    }

    private WebDriverWait pageWait() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
        return wait;
    }

    /** The headline of one step of an order's card ({@code checkout}, {@code re-process 1}, {@code shipping}). */
    private WebElement summaryOf(long id, String step) {
        return card(id).findElement(By.cssSelector("section.step[data-step='" + step + "'] .summary"));
    }

    private String summary(long id, String step) {
        return summaryOf(id, step).getText();
    }

    private String summary(WebDriverWait wait, long id, String step) {
        return wait.until(d -> summary(id, step));
    }

    /** The effects of one step of an order's card, as {@code kind STATUS}, sorted. */
    private List<String> stepEffects(long id, String step) {
        return pageWait().until(d -> card(id).findElements(By.cssSelector("section.step[data-step='" + step + "'] li.effect")).stream()
                .map(li -> li.getDomAttribute("data-kind") + " " + li.getDomAttribute("data-status")).sorted().toList());
    }

    private WebElement card(long id) {
        return browser.findElement(By.cssSelector("article[data-order-id='" + id + "']"));
    }

    /** The effects on an order's card once it shows {@code count} of them, from one read of the page. */
    private List<String> renderedEffects(WebDriverWait wait, long id, int count) {
        return wait.until(d -> {
            List<String> shown = effects(id);
            return shown.size() == count ? shown : null;
        });
    }

    /** The trace ids shown under the effects of an order's card, as shown ({@code trace <id>} or {@code trace none}). */
    private List<String> traces(long id) {
        try {
            return card(id).findElements(By.cssSelector("li.effect span.trace")).stream().map(WebElement::getText).sorted().toList();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException refreshed) {
            return List.of();
        }
    }

    /** The effects shown on an order's card, as {@code kind STATUS}, sorted. */
    private List<String> effects(long id) {
        try {
            return card(id).findElements(By.cssSelector("li.effect")).stream()
                    .map(li -> li.getDomAttribute("data-kind") + " " + li.getDomAttribute("data-status")).sorted().toList();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException refreshed) {
            return List.of(); // the page re-rendered the list meanwhile; the wait asks again
        }
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("shop.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
