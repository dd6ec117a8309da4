package org.sregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.host.demo.DemoWorld;
import org.sregistry.host.oci.clients.OrasClient;

/**
 * The story a new user walks through, in a real headless Chromium against the real server in demo
 * mode: log in, see Globus enabled, connect Globus, find endpoints, browse the cluster, send an
 * image, bring one back, watch it arrive; then a second user signs in with Globus, pushes with oras-java and
 * cannot see a third user's private image, and the admin reads it on /audit; then two users each connect their own
 * Globus identity and transfer as themselves through the registry's guest collection (alice brings two files in one
 * task, bob cancels a transfer and retries it, neither sees the other's), and the notifications arrive: alice's e-mail
 * at a real SMTP server (GreenMail) and the admin's webhook at a receiver that checks its signature. Screenshots of
 * each step go to {@code target/screenshots/}; any broken step fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoStoryIT {
    static DemoServer demo;
    static Browser browser;
    static String base;
    /** Pages of the story that scroll sideways on a desktop (1400×900) or a phone (390×844). */
    static final List<String> sideways = new ArrayList<>();
    /** bob's password (made in the many-users story, used again in the two-identities story). */
    static final String BOB_PASSWORD = "bob-password-" + java.util.UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();

    /** The registry's mail server: a real SMTP server on loopback (REGISTRY_SMTP_* point at it). */
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    /** The admin's automation: a webhook receiver on loopback that keeps every request. */
    static HttpServer hooks;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** One request the webhook receiver got, and when (unix seconds). */
    record Delivery(Map<String, List<String>> headers, byte[] body, long receivedAt) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of("target/e2e"));
        deleteScreenshots(Path.of("target/screenshots"));
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hooks/registry", exchange -> {
            deliveries.add(new Delivery(Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes(), System.currentTimeMillis() / 1000));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        Path dataDir = Files.createTempDirectory(work, "demo-data");
        demo = new DemoServer(dataDir, Map.of(
                "REGISTRY_SMTP_HOST", "127.0.0.1",
                "REGISTRY_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "REGISTRY_SMTP_SECURITY", "none",
                "REGISTRY_SMTP_FROM", "Demo registry <registry@example.org>"));
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
        if (hooks != null) {
            hooks.stop(0);
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

        // 3. the registry's collection is a guest collection its own Globus identity manages (the service card), and
        // the admin is connected as themselves; disconnect, then connect through the real flow (code from the
        // simulator's page)
        driver.get(base + "globus");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-connected")));
        assertThat(driver.findElement(By.cssSelector("#globus-connection h3")).getText())
                .isEqualTo("Your Globus connection");
        assertThat(driver.findElement(By.id("globus-service-identity")).getText()).isEqualTo(DemoWorld.SERVICE);
        // Disconnect asks first: cancelled, nothing happens; confirmed, the tokens are revoked
        driver.findElement(By.id("globus-disconnect")).click();
        org.openqa.selenium.Alert ask = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(ask.getText()).startsWith("Disconnect your Globus identity?");
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
     * Many users: the admin creates alice (to be bound to a Globus identity at her first sign-in; with her e-mail)
     * and bob (a password); bob pushes a private image; alice signs in with Globus on the simulator's page, makes an
     * API token on her profile, pushes with oras-java using it, sees her image and not bob's; the admin sees it on
     * /audit.
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
            createUser(driver, wait, "alice", null, alice, alice);
            createUser(driver, wait, "bob", BOB_PASSWORD, null, null);
            shot("users");

            // 2. bob pushes a private image (the REST API with Basic): his first push makes him the owner
            Path bobSif = sif("secret.sif", "bob");
            java.net.http.HttpResponse<String> bobPush = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/containers/bob/secret:1"))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                    ("bob:" + BOB_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
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

    /**
     * Two users, each as their own Globus identity, through the registry's guest collection: the admin sets a
     * webhook for their automation and sends an image; alice (signed in with Globus) and bob (a password) each
     * connect their own identity on /globus; alice turns on e-mail (her webhook may not point inside the registry's
     * network) and brings two files in one task, watching progress, Globus's events and the import; bob cannot see
     * her transfer, cancels his own and retries it. Alice gets one e-mail naming her images, the admin's receiver one
     * delivery whose signature checks.
     */
    @Test
    @Order(3)
    void twoUsersTransferAsTheirOwnGlobusIdentitiesAndAreNotified() throws Exception {
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        int sidewaysBefore = sideways.size();
        GlobusSimulator sim = demo.demo().simulator();
        long normalRate = 1_500_000L; // the demo's pace (DemoMode)
        String hookUrl = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks/registry";
        try {
            // 1. the admin's automation: a webhook on the admin's Notifications card (an administrator's may point at
            // loopback; the signing secret is shown once), then a Send it will hear about
            signOut(driver);
            driver.get(base + "login");
            signInAsAdmin(driver);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("images")));
            driver.get(base + "globus");
            WebElement hook = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-webhook-url")));
            hook.sendKeys(hookUrl);
            driver.findElement(By.id("globus-notifications-save")).click();
            String secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-webhook-secret")))
                    .getText().trim();
            assertThat(secret).startsWith("whsec_");
            shot("admin-webhook-secret");
            driver.get(base + "globus/e/" + DemoWorld.CLUSTER_ENDPOINT);
            openFolder(wait, "projects");
            driver.findElement(By.cssSelector("#globus-send-form input[value^='demo/r-base:4.4']")).click();
            driver.findElement(By.id("globus-send")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-task-link"))).click();
            String adminTask = taskKey(driver);
            waitForTaskStatus(driver, "SUCCEEDED");

            // 2. alice signs in with Globus (the demo asks for Transfer too) and on /globus she is connected as her
            // own identity already: her sign-in handed its Globus grant over, no second login
            signOut(driver);
            driver.get(base + "login");
            wait.until(ExpectedConditions.elementToBeClickable(By.className("oidc-button"))).click();
            new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity"))))
                    .selectByVisibleText(DemoWorld.RESEARCHER);
            driver.findElement(By.id("allow")).click();
            wait.until(ExpectedConditions.urlToBe(base));
            driver.get(base + "globus");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-connection")));
            assertThat(driver.findElements(By.id("globus-connect"))).as("no Connect step after a Globus sign-in")
                    .isEmpty();
            assertThat(driver.findElement(By.id("globus-from-sign-in")).getText())
                    .contains("Connected automatically from your Globus sign-in");
            assertConnectedAs(driver, wait, DemoWorld.RESEARCHER);
            assertThat(driver.findElements(By.id("globus-service"))).as("the service card is for administrators")
                    .isEmpty();
            shot("alice-globus-connected");

            // 3. her Notifications card: a webhook into the registry's network is refused for her; e-mail is on
            WebElement aliceHook = driver.findElement(By.id("globus-webhook-url"));
            aliceHook.sendKeys(hookUrl);
            driver.findElement(By.id("globus-notifications-save")).click();
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-notifications-error")))
                    .getText()).contains("inside the registry's network",
                    "only an administrator's webhook may point there");
            shot("alice-webhook-refused");
            driver.get(base + "globus");
            WebElement email = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-notify-email")));
            assertThat(driver.findElements(By.id("globus-mail-unavailable"))).as("the registry has SMTP settings")
                    .isEmpty();
            if (!email.isSelected()) {
                email.click();
            }
            driver.findElement(By.id("globus-notifications-save")).click();
            wait.until(ExpectedConditions.urlContains("m=notifications"));
            assertThat(driver.findElement(By.id("globus-notify-email")).isSelected()).isTrue();
            shot("alice-notifications");

            // 4. alice brings two files at once from her scratch folder on the cluster (shared with her)
            driver.findElement(By.linkText("Demo HPC cluster scratch")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-listing")));
            assertThat(driver.getCurrentUrl()).contains("/globus/e/" + DemoWorld.CLUSTER_ENDPOINT);
            openFolder(wait, "scratch");
            openFolder(wait, "alice");
            tick(driver, "pytorch-2.3.sif");
            tick(driver, "tensorflow_2.16.sif");
            shot("alice-two-files-ticked");
            sim.setTransferBytesPerSecond(100_000L); // slow enough to watch it move (full speed again after the shot)
            String aliceTask;
            try {
                driver.findElement(By.id("globus-bring")).click();
                assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-submitted-message")))
                        .getText()).contains("2 files from Demo HPC cluster scratch in one task", "pytorch-2.3.sif",
                        "tensorflow_2.16.sif");
                shot("alice-bring-submitted");
                driver.findElement(By.id("globus-task-link")).click();
                aliceTask = taskKey(driver);
                // the page follows the task by itself (htmx): progress while Globus copies
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> script(d,
                        "var t = document.querySelector('article.globus-task'); if (!t) return null;"
                        + " var p = t.querySelector('progress');"
                        + " return t.getAttribute('data-status') === 'ACTIVE' && p"
                        + " && (document.getElementById('globus-rate') || p.value > 0) ? 'moving' : null;") != null);
                shot("alice-bring-in-progress");
            } finally {
                sim.setTransferBytesPerSecond(normalRate);
            }
            waitForImported(driver, 2);
            assertThat(driver.findElement(By.id("globus-events")).getText())
                    .contains("The transfer finished: every file arrived.", "SUCCEEDED");
            assertThat(driver.findElement(By.id("globus-verify-checksum")).getText()).isNotBlank();
            assertThat(driver.findElement(By.cssSelector("article.globus-task")).getText())
                    .contains("pytorch-2.3:latest", "tensorflow:2.16");
            shot("alice-bring-imported");
            driver.get(base + "globus/tasks");
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-" + aliceTask))).getText())
                    .contains("SUCCEEDED");
            shot("alice-activity");
            assertThat(sim.tasksSubmittedBy(DemoWorld.RESEARCHER))
                    .as("the task was submitted as alice's own identity")
                    .anySatisfy(t -> assertThat(t.taskId()).isEqualTo(aliceTask));
            driver.get(base);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("images"), "pytorch-2.3:latest"));
            assertThat(driver.findElement(By.id("images")).getText()).contains("tensorflow:2.16");

            // 5. bob signs in with his password and connects his own Globus identity
            signOut(driver);
            driver.get(base + "login");
            WebElement user = driver.findElement(By.cssSelector("form[action='/login'] input[name=username]"));
            user.clear();
            user.sendKeys("bob");
            driver.findElement(By.cssSelector("form[action='/login'] input[name=password]")).sendKeys(BOB_PASSWORD);
            driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("images")));
            driver.get(base + "globus");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("globus-connect")));
            connectGlobusAs(driver, wait, DemoWorld.SECOND_RESEARCHER, null);
            assertConnectedAs(driver, wait, DemoWorld.SECOND_RESEARCHER);
            shot("bob-globus-connected");

            // 6. bob does not see alice's transfer: not on his activity page, and its page is the 404 of no transfer
            driver.get(base + "globus/tasks");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-tasks")));
            assertThat(driver.getPageSource()).doesNotContain(aliceTask);
            assertThat(driver.findElements(By.cssSelector("article.globus-task"))).isEmpty();
            shot("bob-activity-empty");
            String unknown = java.util.UUID.randomUUID().toString();
            driver.get(base + "globus/tasks/" + unknown);
            String missing = driver.findElement(By.tagName("main")).getText();
            driver.get(base + "globus/tasks/" + aliceTask);
            assertThat(driver.findElement(By.tagName("main")).getText()).as("the same page as for no transfer")
                    .isEqualTo(missing.replace(unknown, aliceTask)).contains("Unknown transfer");
            shot("bob-not-alices-transfer");

            // 7. bob brings his file (slowly), cancels it on its page, retries it: the retry succeeds and is imported
            driver.get(base + "globus/e/" + DemoWorld.CLUSTER_ENDPOINT);
            openFolder(wait, "scratch");
            openFolder(wait, "bob");
            tick(driver, "fastqc_0.12.sif");
            driver.findElement(By.id("globus-bring-name")).sendKeys("bob/fastqc:0.12");
            sim.setTransferBytesPerSecond(20_000L); // a minute or more: time to change his mind
            String canceled;
            try {
                driver.findElement(By.id("globus-bring")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-task-link"))).click();
                canceled = taskKey(driver);
                WebElement cancel = wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#cancel-" + canceled + " button")));
                shot("bob-bring-cancelable");
                cancel.click();
                assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
                        .startsWith("Cancel this transfer at Globus?");
                driver.switchTo().alert().accept();
                // htmx puts the answer in place of the task (read at once: the page keeps following the task)
                Object answer = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> script(d,
                        "var n = document.getElementById('globus-task-notice');"
                        + " var t = document.querySelector('article.globus-task');"
                        + " return n && t ? t.getAttribute('data-status') + ': ' + n.textContent : null;"));
                assertThat(String.valueOf(answer)).startsWith("CANCELED: ").contains("Canceled at Globus");
            } finally {
                sim.setTransferBytesPerSecond(normalRate);
            }
            WebDriverWait reloading = new WebDriverWait(driver, Duration.ofSeconds(30));
            reloading.ignoring(StaleElementReferenceException.class).until(d -> {
                d.navigate().refresh();
                return d.findElement(By.id("globus-events")).getText().contains("The transfer was canceled.")
                        && !d.findElements(By.cssSelector("#retry-" + canceled + " button")).isEmpty();
            });
            shot("bob-bring-canceled");
            driver.findElement(By.cssSelector("#retry-" + canceled + " button")).click();
            String retried = new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class).until(d -> {
                        String id = d.findElement(By.cssSelector("article.globus-task")).getAttribute("id");
                        return id.equals("task-" + canceled) ? null : id.substring("task-".length());
                    });
            assertThat(driver.findElement(By.id("retry-of-" + retried)).getText()).contains(canceled);
            driver.get(base + "globus/tasks/" + retried);
            waitForImported(driver, 1);
            assertThat(driver.findElement(By.cssSelector("article.globus-task")).getText()).contains("bob/fastqc:0.12");
            shot("bob-retry-imported");
            driver.get(base + "globus/tasks");
            WebElement bobs = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-tasks")));
            assertThat(bobs.findElements(By.cssSelector("article.globus-task"))).extracting(e -> e.getAttribute("id"))
                    .containsExactlyInAnyOrder("task-" + retried, "task-" + canceled);
            assertThat(driver.findElement(By.id("status-" + canceled)).getText()).isEqualTo("CANCELED");
            shot("bob-activity");

            // 8. the notifications: alice's one e-mail names her images and her transfer; the admin's receiver got
            // one delivery, for the admin's Send, whose signature checks
            assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("alice's e-mail").isTrue();
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo(DemoWorld.RESEARCHER);
            assertThat(mails[0].getSubject()).startsWith("Globus transfer finished: demo-hpc-cluster-scratch/")
                    .endsWith(" and 1 more");
            assertThat(GreenMailUtil.getBody(mails[0])).contains("Bring from Demo HPC cluster scratch into the registry"
                    + " finished", "pytorch-2.3:latest", "tensorflow:2.16", aliceTask, "/globus/tasks/" + aliceTask);
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !deliveries.isEmpty());
            assertThat(deliveries).hasSize(1);
            Delivery delivery = deliveries.get(0);
            assertSigned(delivery, secret);
            assertThat(delivery.header("X-Sregistry-Event")).isEqualTo("succeeded");
            assertThat(delivery.header("X-Sregistry-Delivery")).isEqualTo(adminTask + ":webhook:succeeded");
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.path("task_id").asText()).isEqualTo(adminTask);
            assertThat(body.path("user").asText()).isEqualTo("admin");
            assertThat(body.path("direction").asText()).isEqualTo("PUT");
            assertThat(body.path("images").toString()).contains("demo/r-base:4.4");
        } finally {
            sim.setTransferBytesPerSecond(normalRate);
            signOut(driver);
        }
        assertThat(sideways.subList(sidewaysBefore, sideways.size())).as("pages that scroll sideways").isEmpty();
    }

    /** On /globus: Connect Globus, the simulator's page in a new tab as {@code identity}, the code pasted back. */
    private static void connectGlobusAs(WebDriver driver, WebDriverWait wait, String identity, String step) {
        String registryWindow = driver.getWindowHandle();
        driver.findElement(By.id("globus-connect")).click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        List<String> windows = new ArrayList<>(driver.getWindowHandles());
        windows.remove(registryWindow);
        driver.switchTo().window(windows.get(0));
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity"))))
                .selectByVisibleText(identity);
        if (step != null) {
            shot(step);
        }
        driver.findElement(By.id("allow")).click();
        String code = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("auth-code"))).getText().trim();
        driver.close();
        driver.switchTo().window(registryWindow);
        driver.findElement(By.id("globus-code")).sendKeys(code);
        driver.findElement(By.cssSelector("#globus-code-form button[type=submit]")).click();
    }

    /** "Your Globus connection" on /globus shows {@code identity}. */
    private static void assertConnectedAs(WebDriver driver, WebDriverWait wait, String identity) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("globus-connected")));
        assertThat(driver.findElement(By.cssSelector("#globus-connection h3")).getText())
                .isEqualTo("Your Globus connection");
        assertThat(driver.findElement(By.id("globus-identity")).getText()).isEqualTo(identity);
    }

    /** Reloads the transfer's page until Globus says SUCCEEDED and {@code files} of its files are imported. */
    private static void waitForImported(WebDriver driver, int files) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.navigate().refresh();
            WebElement task = d.findElement(By.cssSelector("article.globus-task"));
            return "SUCCEEDED".equals(task.getAttribute("data-status"))
                    && task.findElements(By.cssSelector("tr.globus-item[data-state='IMPORTED']")).size() == files;
        });
    }

    /** Ticks a file in the browser's listing. */
    private static void tick(WebDriver driver, String file) {
        driver.findElement(By.cssSelector("#globus-listing tr[data-name='" + file + "'] input[type=checkbox]")).click();
    }

    /** The transfer's key on its page ({@code /globus/tasks/{key}}). */
    private static String taskKey(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("article.globus-task")));
        String url = driver.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("[?#].*", "");
    }

    private static Object script(WebDriver driver, String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /**
     * The receiver's check, as the plugin's README verifier does: {@code t=…,v1=…} over {@code "<t>.<raw body>"}
     * with the secret, compared in constant time, {@code t} within 5 minutes of the receiver's clock.
     */
    private static void assertSigned(Delivery d, String secret) throws Exception {
        String header = d.header("X-Sregistry-Signature");
        assertThat(header).as("signature header").matches("t=\\d+,v1=[0-9a-f]{64}");
        String[] parts = header.split(",");
        long t = Long.parseLong(parts[0].substring(2));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(d.body());
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts[1].substring(3))))
                .as("the signature checks with the secret shown once").isTrue();
        assertThat(Math.abs(d.receivedAt() - t)).isLessThanOrEqualTo(300);
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
    private static void createUser(WebDriver driver, WebDriverWait wait, String name, String password, String oidcName,
                                   String email) {
        WebElement form = driver.findElement(By.cssSelector("#new-user form"));
        form.findElement(By.name("username")).sendKeys(name);
        if (password != null) {
            form.findElement(By.name("password")).sendKeys(password);
        }
        if (email != null) {
            form.findElement(By.name("email")).sendKeys(email);
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
    @Order(4)
    void theCliSeesTheRunningDemo() throws Exception {
        Path plugins = Files.createDirectories(Path.of("target/e2e/cli-plugins"));
        for (Path jar : DemoServer.globusPluginJars()) {
            Files.copy(jar, plugins.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String[] folders = {"--data-dir", demo.dataDir().toString(), "--plugins-dir", plugins.toString()};

        DemoCli.Run status = DemoCli.run(concat(folders, "globus", "status"));

        // the CLI's connection is the registry's own (service) identity, which owns the demo's guest collection
        assertThat(status.output()).contains("Globus: connected as " + DemoWorld.SERVICE,
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
