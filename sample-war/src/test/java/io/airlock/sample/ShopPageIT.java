package io.airlock.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void checkoutShowsTheEffectsEscapingAndAFailedCheckoutShowsNothingEscaped() throws Exception {
        browser.get(base.toString());
        // the page re-renders the orders every second: every read goes through the wait, which retries a read
        // that met a replaced element, and each assertion checks the value that one read returned
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        // checkout: the email and the warehouse call appear as escaped
        browser.findElement(By.id("checkout")).click();
        long ok = orderIdFromMessage(wait, "Thank you!");
        wait.until(d -> effects(ok).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));
        assertEquals("2 side effects escaped", wait.until(d -> card(ok).findElement(By.className("summary")).getText()));

        // a declined payment: the page says sorry, the order shows that nothing escaped
        browser.findElement(By.id("checkout-declined")).click();
        long failed = orderIdFromMessage(wait, "Sorry");
        assertEquals(List.of("email DROPPED", "warehouse DROPPED"), renderedEffects(wait, failed, 2));

        // a later checkout's warehouse call has arrived, so the failed one's would have too: still nothing
        browser.findElement(By.id("checkout")).click();
        long later = orderIdFromMessage(wait, "Thank you!");
        wait.until(d -> effects(later).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));
        assertEquals(List.of("email DROPPED", "warehouse DROPPED"), renderedEffects(wait, failed, 2));
        assertEquals("Nothing escaped", wait.until(d -> card(failed).findElement(By.className("summary")).getText()));
        String failedCard = wait.until(d -> card(failed).getText());
        assertTrue(failedCard.toLowerCase(java.util.Locale.ROOT).contains("payment declined"), failedCard);

        screenshot("shop.png");
    }

    @Test
    void aWarehouseCallThatKeepsFailingIsShownRetryingThenFailedAndCanBeResubmitted() throws Exception {
        browser.get(base.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        browser.findElement(By.id("warehouse-link")).click();
        wait.until(d -> "false".equals(d.findElement(By.id("warehouse-link")).getDomAttribute("data-up")));
        long id;
        try {
            browser.findElement(By.id("checkout")).click();
            id = orderIdFromMessage(wait, "Thank you!");
            wait.until(d -> effects(id).contains("warehouse RETRYING") || effects(id).contains("warehouse FAILED"));
            wait.until(d -> effects(id).contains("warehouse FAILED"));
            screenshot("failed-effect.png");
        } finally {
            browser.findElement(By.id("warehouse-link")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("warehouse-link")).getDomAttribute("data-up")));
        }
        wait.until(d -> {
            card(id).findElement(By.cssSelector("li.effect[data-kind='warehouse'] button.resubmit")).click();
            return true;
        });
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Resubmitted"));
        wait.until(d -> effects(id).containsAll(List.of("email ESCAPED", "warehouse ESCAPED")));
        screenshot("resubmitted.png");
    }

    private long orderIdFromMessage(WebDriverWait wait, String start) {
        String text = wait.until(d -> {
            String t = d.findElement(By.id("message")).getText();
            return t.startsWith(start) ? t : null;
        });
        Matcher m = Pattern.compile("[Oo]rder (\\d+)").matcher(text);
        assertTrue(m.find(), text);
        long id = Long.parseLong(m.group(1));
        // the message is shown before the list refreshes: wait for this order's card, then for the next message
        wait.until(d -> !d.findElements(By.cssSelector("article[data-order-id='" + id + "']")).isEmpty());
        browser.executeScript("document.getElementById('message').textContent = ''");
        return id;
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
