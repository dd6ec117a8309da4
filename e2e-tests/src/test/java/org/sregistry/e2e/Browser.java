package org.sregistry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium, with explicit binary and driver paths so nothing is
 * downloaded, and profile/cache folders inside {@code target/} so the machine's home stays clean.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;
    private int shot;

    Browser(Path workDir, Path screenshots) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium and ChromeDriver are needed: apt-get install -y chromium"
                    + " chromium-driver (.ci/run does this)");
        }
        this.screenshots = Files.createDirectories(screenshots);
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        Path home = Files.createDirectories(workDir.resolve("home"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CONFIG_HOME", home.toString(), "XDG_CACHE_HOME", home.toString(),
                        "TMPDIR", home.toString()))
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves a numbered screenshot named after the step. */
    Path screenshot(String step) {
        try {
            Path file = screenshots.resolve(String.format("%02d-%s.png", ++shot, step));
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page laid out at a {@code width} × {@code height} viewport (a phone's when {@code mobile}): the document's
     * {@code scrollWidth} and {@code clientWidth}, and the widest element sticking out on the right (for the
     * message). The viewport is restored afterwards.
     */
    Layout layoutAt(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
        try {
            Object result = driver.executeScript(
                    "const d = document.documentElement; let worst = null, right = d.clientWidth;"
                    + "for (const e of document.body.querySelectorAll('*')) { const r = e.getBoundingClientRect();"
                    + "  if (r.right > right + 0.5 && !(e.parentElement && e.parentElement.closest('figure, pre.log'))) { right = r.right;"
                    + "    worst = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal"
                    + "      === undefined ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : ''); } }"
                    + "return [d.scrollWidth, d.clientWidth, worst === null ? '' : worst];");
            java.util.List<?> values = (java.util.List<?>) result;
            return new Layout(((Number) values.get(0)).intValue(), ((Number) values.get(1)).intValue(),
                    String.valueOf(values.get(2)));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** How wide a page is laid out, and what sticks out. */
    record Layout(int scrollWidth, int clientWidth, String widest) {
        boolean scrollsSideways() {
            return scrollWidth > clientWidth;
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
