package org.sregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The story a new user walks through, in a real headless Chromium against the real server in demo
 * mode. Screenshots of each step go to {@code target/screenshots/}.
 */
class DemoStoryIT {
    static DemoServer demo;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of("target/e2e"));
        Path dataDir = Files.createTempDirectory(work, "demo-data");
        demo = new DemoServer(dataDir);
        browser = new Browser(work, Path.of("target/screenshots"));
        base = demo.server().baseUri().toString();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theDemoStory() throws Exception {
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        // 1. log in
        driver.get(base);
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(driver.getPageSource()).contains("Demo mode");
        browser.screenshot("login");
        driver.findElement(By.name("password")).sendKeys(demo.adminPassword());
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("images")));
        assertThat(driver.findElement(By.id("images")).getText()).contains("demo/hello-world:latest");
        browser.screenshot("home");

        // 2. settings shows the Globus plugin enabled
        driver.get(base + "settings");
        WebElement globus = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plugin-globus")));
        assertThat(globus.getAttribute("data-state")).isEqualTo("started");
        browser.screenshot("settings");
    }
}
