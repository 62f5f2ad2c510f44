package dev.pidgr.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages (Debian's {@code chromium} and {@code chromium-driver};
 * {@code CHROMIUM} and {@code CHROMEDRIVER} name others), driven over WebDriver: what the console
 * tests need of it, and screenshots written under target/.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final int WIDE = 1280;
    static final int NARROW = 390;

    final ChromeDriver driver;
    private final Path screenshots;
    private int shots;

    Browser(Path screenshots) throws IOException {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=" + WIDE + ",900",
                        "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.screenshots = Files.createDirectories(screenshots);
    }

    /** Whether the browser and its driver are installed. */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement element = until(d -> d.findElement(By.cssSelector(css)));
        element.clear();
        element.sendKeys(text);
    }

    /** Waits (up to 90 s: the machine may be shared) until {@code condition} gives a value, then returns it. */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(90))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits up to {@code timeout} until the element {@code css} is shown with some text; returns it. */
    WebElement untilText(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> {
                    WebElement element = d.findElement(By.cssSelector(css));
                    return element.getText().isEmpty() ? null : element;
                });
    }

    /** Waits until the element {@code css} shows exactly {@code text}; returns it. */
    WebElement untilText(String css, String text) {
        return until(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.getText().equals(text) ? element : null;
        });
    }

    Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    /** Whether an alert is open (a script run from page content would open one with the XSS probe). */
    boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** A screenshot of the whole page at {@code width} px, as target/.../NN-name.png; the window returns to wide. */
    Path screenshot(String name, int width) throws IOException {
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = ((Number) script(
                        "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight"))
                .longValue();
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 4000)));
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(WIDE, 900));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
