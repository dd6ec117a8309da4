package org.sregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sregistry.host.oci.clients.OrasClient;

/**
 * The story a new user walks through, in a real headless Chromium against the real server in demo
 * mode: log in, see Globus enabled, connect Globus, find endpoints, browse the cluster, send an
 * image, bring one back, watch it arrive; then a second user signs in with Globus, pushes with oras-java and
 * cannot see a third user's private image, and the admin reads it on /audit. Screenshots of each step go to {@code target/screenshots/};
 * any broken step fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoStoryIT {
    static DemoServer demo;
    static Browser browser;
    static String base;
    /** Pages of the story that scroll sideways on a desktop (1400×900) or a phone (390×844). */
    static final List<String> sideways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of("target/e2e"));
        deleteScreenshots(Path.of("target/screenshots"));
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
    @Order(1)
    void theDemoStory() throws Exception {
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        // 1. log in: the login page says it is demo mode
        driver.get(base);
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(driver.findElement(By.className("banner")).getText()).contains("Demo mode");
        assertThat(driver.findElement(By.className("oidc-button")).getText()).isEqualTo("Sign in with Globus");
        shot("login");
        signInAsAdmin(driver);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("images")));
        assertThat(driver.findElement(By.id("images")).getText()).contains("demo/hello-world:latest");
        shot("home");

        // 2. the settings page shows the Globus plugin enabled
        driver.get(base + "settings");
        WebElement globusRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plugin-globus")));
        assertThat(globusRow.getAttribute("data-state")).isEqualTo("started");
        shot("settings");

        // 3. disconnect, then connect Globus through the real flow (code from the simulator's page)
        driver.get(base + "globus");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-connected")));
        // Disconnect asks first: cancelled, nothing happens; confirmed, the tokens are revoked
        driver.findElement(By.id("globus-disconnect")).click();
        org.openqa.selenium.Alert ask = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(ask.getText()).startsWith("Disconnect from Globus?");
        ask.dismiss();
        assertThat(driver.findElements(By.id("globus-connected"))).as("still connected after Cancel").hasSize(1);
        driver.findElement(By.id("globus-disconnect")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        WebElement connect = wait.until(ExpectedConditions.elementToBeClickable(By.id("globus-connect")));
        shot("globus-not-connected");
        String registryWindow = driver.getWindowHandle();
        connect.click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        List<String> windows = new ArrayList<>(driver.getWindowHandles());
        windows.remove(registryWindow);
        driver.switchTo().window(windows.get(0));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("allow"))).click();
        String code = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("auth-code"))).getText().trim();
        shot("globus-auth-code");
        driver.close();
        driver.switchTo().window(registryWindow);
        driver.findElement(By.id("globus-code")).sendKeys(code);
        driver.findElement(By.cssSelector("#globus-code-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-connected")));
        assertThat(driver.findElement(By.id("globus-identity")).getText()).isEqualTo("admin@example.org");

        // 4. the endpoints page lists both demo endpoints
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-endpoint-table")));
        assertThat(table.getText()).contains("Demo HPC cluster scratch", "Demo lab share", "Registry staging (demo)",
                "active").doesNotContain("reachable");
        shot("globus-endpoints");

        // 5. a search finds the lab share (by its organisation)
        WebElement search = driver.findElement(By.id("globus-q"));
        search.clear();
        search.sendKeys("structural biology");
        search.submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("globus-endpoint-table"), "Demo lab share"));
        assertThat(driver.findElement(By.id("globus-endpoint-table")).getText()).doesNotContain("Demo HPC cluster scratch");
        assertThat(driver.findElement(By.cssSelector("#globus-endpoint-table td.endpoint-scope")).getText())
                .as("a search result's real scope").isEqualTo("shared with me");
        shot("globus-search");

        // 6. open the cluster endpoint and enter a folder
        driver.get(base + "globus");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Demo HPC cluster scratch"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-listing")));
        openFolder(wait, "projects");
        // a folder with only folders in it: nothing to bring, and the button says so instead of failing later
        WebElement noFiles = driver.findElement(By.id("globus-bring"));
        assertThat(noFiles.isEnabled()).as("Bring in a folder without files").isFalse();
        assertThat(driver.findElement(By.id("globus-bring-hint")).getText()).contains("no files to bring");
        shot("cluster-folder-without-files");
        openFolder(wait, "genomics");
        assertThat(driver.findElement(By.id("globus-listing")).getText()).contains("lolcow_latest.sif", "samtools_1.17.sif");
        String folderUrl = driver.getCurrentUrl();
        // cluster files on the left, registry images on the right: the arrows point where things go
        WebElement bring = driver.findElement(By.id("globus-bring"));
        WebElement send = driver.findElement(By.id("globus-send"));
        assertThat(driver.findElement(By.id("globus-files")).getRect().getX())
                .isLessThan(driver.findElement(By.id("globus-images")).getRect().getX());
        assertThat(bring.isEnabled()).isTrue();
        assertThat(bring.getText()).contains("into the registry").endsWith("→");
        assertThat(send.getText()).startsWith("←").contains("to this folder");
        shot("cluster-folder");

        // 7. send a registry image to that folder and follow the task until it is done
        driver.findElement(By.cssSelector("#globus-send-form input[value^='demo/hello-world:latest']")).click();
        driver.findElement(By.id("globus-send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-submitted")));
        shot("send-submitted");
        driver.findElement(By.id("globus-task-link")).click();
        waitForTaskStatus(driver, "SUCCEEDED");
        shot("send-done");

        // 8. the sent image is now in the cluster folder listing
        driver.get(folderUrl);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("globus-listing"), "hello-world"));
        shot("cluster-folder-with-sent-image");

        // 9. bring a cluster image back into the registry under a chosen name
        driver.findElement(By.cssSelector("#globus-listing tr[data-name='samtools_1.17.sif'] input[type=checkbox]")).click();
        driver.findElement(By.id("globus-bring-name")).sendKeys("genomics/samtools:1.17");
        driver.findElement(By.id("globus-bring")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-submitted")));
        driver.findElement(By.id("globus-task-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.globus-task")));
        shot("bring-in-progress");

        // 10. the activity page shows it done and imported (the import task's fast path)
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            d.navigate().refresh();
            String text = d.findElement(By.cssSelector("article.globus-task")).getText();
            return text.contains("SUCCEEDED") && text.contains("IMPORTED");
        });
        shot("bring-imported");

        // 11. the new image is on the home page, with its Globus metadata
        driver.get(base);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("images"), "genomics/samtools:1.17"));
        driver.findElement(By.linkText("genomics/samtools:1.17")).click();
        WebElement metadata = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("metadata")));
        assertThat(metadata.getText()).contains("globus.task_id", "globus.source_endpoint", "Demo HPC cluster scratch",
                "samtools_1.17.sif");
        assertThat(driver.findElement(By.id("file-info")).getText()).contains("amd64");
        shot("imported-image");

        // 12. the logs page opens at the newest entries and can follow the log
        driver.get(base + "logs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("log-entries")));
        assertThat(driver.findElement(By.id("log-level")).isDisplayed()).isTrue();
        driver.findElement(By.id("log-follow")).click();
        driver.findElement(By.cssSelector("#log-controls button[type=submit]")).click();
        // read in one script: while following, htmx replaces the element every 2 s (a found element may go stale)
        wait.until(d -> "true".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "var e = document.getElementById('log-entries'); return e ? e.getAttribute('data-follow') : null;")));
        shot("logs");

        assertThat(sideways).as("pages that scroll sideways").isEmpty();
    }

    /**
     * Many users: the admin creates alice (to be bound to a Globus identity at her first sign-in) and bob (a
     * password); bob pushes a private image; alice signs in with Globus on the simulator's page, makes an API token
     * on her profile, pushes with oras-java using it, sees her image and not bob's; the admin sees it on /audit.
     */
    @Test
    @Order(2)
    void aUserSignsInWithGlobusAndPushesToTheirOwnCollection() throws Exception {
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        int sidewaysBefore = sideways.size();
        String alice = org.sregistry.host.demo.DemoWorld.RESEARCHER;
        try {
            // 1. the admin creates alice (no password: Globus only) and bob (a password)
            signOut(driver);
            driver.get(base + "login");
            signInAsAdmin(driver);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("images")));
            driver.get(base + "users");
            createUser(driver, wait, "alice", null, alice);
            String bobPassword = "bob-password-" + java.util.UUID.randomUUID();
            createUser(driver, wait, "bob", bobPassword, null);
            shot("users");

            // 2. bob pushes a private image (the REST API with Basic): his first push makes him the owner
            Path bobSif = sif("secret.sif", "bob");
            java.net.http.HttpResponse<String> bobPush = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/containers/bob/secret:1"))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                    ("bob:" + bobPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofFile(bobSif)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(bobPush.statusCode()).as(bobPush.body()).isEqualTo(201);

            // 3. alice, in a fresh session, signs in with Globus: the simulator's page, her identity, back signed in
            signOut(driver);
            driver.get(base + "login");
            wait.until(ExpectedConditions.elementToBeClickable(By.className("oidc-button"))).click();
            WebElement identity = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity")));
            assertThat(driver.getCurrentUrl()).startsWith(demo.demo().simulator().baseUri().toString());
            new org.openqa.selenium.support.ui.Select(identity).selectByVisibleText(alice);
            shot("globus-sign-in");
            driver.findElement(By.id("allow")).click();
            wait.until(ExpectedConditions.urlToBe(base));
            assertThat(driver.findElement(By.cssSelector("nav a[href='/profile']")).getText()).isEqualTo("alice");

            // 4. on her profile she makes an API token (shown once)
            driver.get(base + "profile");
            driver.findElement(By.cssSelector("form[action='/profile/tokens'] input[name=name]")).sendKeys("oras");
            driver.findElement(By.cssSelector("form[action='/profile/tokens'] button[type=submit]")).click();
            String token = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token"))).getText().trim();
            assertThat(token).isNotEmpty();
            shot("profile-token");

            // 5. she pushes alice/tool:1 with oras-java and that token (a Bearer token on /v2/)
            Path aliceSif = sif("tool.sif", "alice");
            String authority = demo.server().baseUri().getAuthority();
            try (OrasClient oras = OrasClient.withAuthProvider(authority, new land.oras.auth.BearerTokenProvider(token))) {
                oras.pushSifArtifact("alice/tool:1", aliceSif);
            }

            // 6. her home page lists her image and not bob's; bob's image is the 404 page for her
            driver.get(base);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("images"), "alice/tool:1"));
            assertThat(driver.findElement(By.id("images")).getText()).doesNotContain("bob/secret");
            shot("alice-home");
            driver.get(base + "container/bob/no-such:1");
            String missing = driver.findElement(By.tagName("main")).getText();
            driver.get(base + "container/bob/secret:1");
            assertThat(driver.findElement(By.tagName("h2")).getText()).startsWith("404");
            assertThat(driver.findElement(By.tagName("main")).getText()).as("the same page as for no image")
                    .isEqualTo(missing.replace("no-such", "secret"));
            shot("alice-not-bobs-image");

            // 7. the admin sees her sign-in, her token and her push on /audit
            signOut(driver);
            driver.get(base + "login");
            signInAsAdmin(driver);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("images")));
            driver.get(base + "audit?actor=alice");
            WebElement events = wait.until(ExpectedConditions.presenceOfElementLocated(By.className("audit-table")));
            List<String> rows = events.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText)
                    .toList();
            assertThat(rows).as("alice's audit events").anySatisfy(r -> assertThat(r).contains("auth.sign_in", "oidc"))
                    .anySatisfy(r -> assertThat(r).contains("auth.token.create", "oras"))
                    .anySatisfy(r -> assertThat(r).contains("image.push", "alice/tool"));
            shot("audit");
        } finally {
            signOut(driver);
        }
        assertThat(sideways.subList(sidewaysBefore, sideways.size())).as("pages that scroll sideways").isEmpty();
    }

    /** On /login: the admin's user name and password. */
    private static void signInAsAdmin(WebDriver driver) throws Exception {
        WebElement user = driver.findElement(By.cssSelector("form[action='/login'] input[name=username]"));
        user.clear();
        user.sendKeys("admin");
        driver.findElement(By.cssSelector("form[action='/login'] input[name=password]")).sendKeys(demo.adminPassword());
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    }

    /** A fresh session: the registry's cookies gone (the simulator keeps none). */
    private static void signOut(WebDriver driver) {
        driver.get(base + "login");
        driver.manage().deleteAllCookies();
    }

    /** Creates a user on /users (the admin is signed in). */
    private static void createUser(WebDriver driver, WebDriverWait wait, String name, String password, String oidcName) {
        WebElement form = driver.findElement(By.cssSelector("#new-user form"));
        form.findElement(By.name("username")).sendKeys(name);
        if (password != null) {
            form.findElement(By.name("password")).sendKeys(password);
        }
        if (oidcName != null) {
            form.findElement(By.name("oidc_username")).sendKeys(oidcName);
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-" + name)));
    }

    /** A small real SIF file. */
    private static Path sif(String file, String seed) throws java.io.IOException {
        Path sif = Files.createDirectories(Path.of("target/e2e/images")).resolve(file);
        byte[] payload = new byte[64 * 1024];
        new java.util.Random(seed.hashCode()).nextBytes(payload);
        org.sregistry.registry.sif.SifWriter.write(sif, payload, "amd64", java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return sif;
    }

    @Test
    @Order(3)
    void theCliSeesTheRunningDemo() throws Exception {
        Path plugins = Files.createDirectories(Path.of("target/e2e/cli-plugins"));
        for (Path jar : DemoServer.globusPluginJars()) {
            Files.copy(jar, plugins.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String[] folders = {"--data-dir", demo.dataDir().toString(), "--plugins-dir", plugins.toString()};

        DemoCli.Run status = DemoCli.run(concat(folders, "globus", "status"));

        assertThat(status.output()).contains("Globus: connected as admin@example.org",
                "client id: " + demo.demo().simulator().defaultClientId(), demo.demo().simulator().authRoot().toString())
                .doesNotContain("need to be updated", "not set");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(DemoCli.run(concat(folders, "globus", "status", "--demo")).code()).as("--demo is accepted")
                .isZero();
        assertThat(DemoCli.run(concat(concat(new String[] {"--demo"}, folders), "globus", "status")).code())
                .isZero();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** A screenshot of the step, and the check that its page fits a desktop and a phone without sideways scrolling. */
    private static void shot(String step) {
        browser.screenshot(step);
        for (int[] size : new int[][] {{1400, 900}, {390, 844}}) {
            Browser.Layout layout = browser.layoutAt(size[0], size[1], size[0] < 600);
            if (layout.scrollsSideways()) {
                sideways.add(step + " at " + size[0] + "×" + size[1] + ": scrollWidth " + layout.scrollWidth()
                        + " > clientWidth " + layout.clientWidth() + " (widest: " + layout.widest() + ")");
            }
        }
    }

    private static void deleteScreenshots(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void openFolder(WebDriverWait wait, String name) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//table[@id='globus-listing']//a[contains(@class,'folder') and normalize-space(.)='" + name + "/']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("globus-breadcrumbs"), name));
    }

    private static void waitForTaskStatus(WebDriver driver, String status) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.cssSelector("article.globus-task")).getAttribute("data-status").equals(status);
        });
    }
}
