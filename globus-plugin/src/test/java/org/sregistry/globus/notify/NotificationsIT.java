package org.sregistry.globus.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.imports.GlobusWorld;
import org.sregistry.globus.imports.ImportHost;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * Notifications of finished transfers in the real host with the built plugin, the Globus simulator, a real SMTP
 * server on loopback (GreenMail) and a webhook receiver ({@code HttpServer}) that checks each signature: a Bring that
 * succeeds e-mails its user once naming the image; a webhook gets one signed delivery however many rounds follow; a
 * receiver that answers 500 twice is tried again on the backoff schedule (the server's clock moved forward) and then
 * gets it; the settings API names what is wrong and shows the secret once; the card on {@code /globus} saves by form.
 */
class NotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path shared;
    static final ShiftableClock clock = new ShiftableClock();
    static GlobusWorld world;
    static ImportHost host;
    static RegistryClient admin;
    static HttpServer receiver;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresLeft = new AtomicInteger();

    /** One request the receiver got, when (by the server's clock), and what it answered. */
    record Delivery(Map<String, List<String>> headers, byte[] body, int answered, long receivedAt) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            deliveries.add(new Delivery(Map.copyOf(exchange.getRequestHeaders()), body, status,
                    clock.instant().getEpochSecond()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        world = new GlobusWorld(shared.resolve("globus"));
        host = ImportHost.start(world, shared.resolve("registry"), 3600, Map.of(
                "REGISTRY_SMTP_HOST", "127.0.0.1",
                "REGISTRY_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "REGISTRY_SMTP_SECURITY", "none",
                "REGISTRY_SMTP_FROM", "Registry <registry@example.org>"), clock);
        admin = host.registry.admin();
        host.registry.server().users().update(host.registry.adminUser().id(),
                new UserStore.Change(null, "admin@example.org", null, null, null));
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (host != null) {
            host.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        deliveries.clear();
        failuresLeft.set(0);
    }

    private static String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static HttpResponse<String> putSettings(String json) {
        return admin.send(admin.request("/api/globus/notifications").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonNode saved(String json) throws Exception {
        HttpResponse<String> r = putSettings(json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** A Bring of a new cluster file as {@code name}, through the plugin's API (as the admin): its task id. */
    private static String bring(String file, String name) throws Exception {
        world.clusterFile(file, GlobusWorld.imageBytes(name));
        HttpResponse<String> r = admin.postJson("/globus/transfer/get/" + world.cluster.id,
                "{\"path\":\"/~/" + file + "\",\"name\":\"" + name + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("task_id").asText();
    }

    /** Rounds until the transfer's record is closed. */
    private static TransferRecord closed(String taskId) {
        world.awaitFinished(taskId);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            host.tick();
            return host.ledger.get(taskId).orElseThrow();
        }, TransferRecord::done);
    }

    /** Rounds until the receiver got {@code count} requests. */
    private static void awaitDeliveries(int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            host.tick();
            return deliveries.size() >= count;
        });
    }

    /** The outbox entry as the registry stored it (a second view of its database). */
    private static OutboxEntry stored(String key) {
        try (Database db = Database.open(host.registry.dataDir())) {
            return new Outbox(new JdbcPluginStore(db, "globus", Clock.systemUTC())).get(key).orElseThrow();
        }
    }

    /** The receiver's check: Stripe-style {@code t=…,v1=…} over {@code "<t>.<body>"}, within 5 minutes. */
    private static void assertSigned(Delivery d, String secret) throws Exception {
        String[] parts = d.header("X-Sregistry-Signature").split(",");
        assertThat(parts[0]).startsWith("t=");
        assertThat(parts[1]).startsWith("v1=");
        long t = Long.parseLong(parts[0].substring(2));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(d.body());
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts[1].substring(3)))).isTrue();
        assertThat(Math.abs(d.receivedAt() - t)).isLessThanOrEqualTo(300);
    }

    @Test
    void aBringThatSucceedsEmailsItsUserExactlyOnceNamingTheImage() throws Exception {
        saved("{\"email\":true}");

        String task = bring("tool_1.sif", "lab/tool:1");
        closed(task);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        host.tick();
        host.tick();
        MimeMessage[] messages = smtp.getReceivedMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getAllRecipients()[0].toString()).isEqualTo("admin@example.org");
        assertThat(messages[0].getSubject()).isEqualTo("Globus transfer finished: lab/tool:1");
        assertThat(GreenMailUtil.getBody(messages[0])).contains("Bring from HPC Cluster into the registry finished",
                "lab/tool:1@sha256:", "imported", "/globus/tasks/" + task);
        assertThat(stored(task + ":email:succeeded").sentAt()).isNotNull();
    }

    @Test
    void aWebhookGetsOneSignedDeliveryAcrossTwoRounds() throws Exception {
        JsonNode settings = saved("{\"email\":false,\"webhook\":{\"url\":\"" + hookUrl()
                + "\",\"events\":[\"succeeded\"]},\"rotate_secret\":true}");
        String secret = settings.path("secret").asText();
        assertThat(secret).startsWith("whsec_");

        String task = bring("hook_1.sif", "lab/hook:1");
        closed(task);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
        host.tick();
        host.tick();

        assertThat(deliveries).hasSize(1);
        Delivery d = deliveries.get(0);
        assertSigned(d, secret);
        assertThat(d.header("X-Sregistry-Event")).isEqualTo("succeeded");
        assertThat(d.header("X-Sregistry-Delivery")).isEqualTo(task + ":webhook:succeeded");
        assertThat(d.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(d.body());
        assertThat(body.path("event").asText()).isEqualTo("succeeded");
        assertThat(body.path("task_id").asText()).isEqualTo(task);
        assertThat(body.path("direction").asText()).isEqualTo("GET");
        assertThat(body.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(body.path("user").asText()).isEqualTo("admin");
        assertThat(body.path("images").toString()).isEqualTo("[\"lab/hook:1\"]");
        assertThat(body.path("files").get(0).path("state").asText()).isEqualTo("IMPORTED");
        assertThat(body.path("finished_at").asText()).isNotEmpty();
        assertThat(body.path("url").asText()).isEqualTo("/globus/tasks/" + task);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        String log = java.nio.file.Files.readString(host.registry.server().logFile());
        assertThat(log).contains("Notification " + task + ":webhook:succeeded delivered").doesNotContain(secret);
    }

    @Test
    void aReceiverAnswering500TwiceIsRetriedOnTheScheduleThenDelivered() throws Exception {
        String secret = saved("{\"webhook\":{\"url\":\"" + hookUrl() + "\"},\"rotate_secret\":true}")
                .path("secret").asText();
        failuresLeft.set(2);
        String key;

        String task = bring("retry_1.sif", "lab/retry:1");
        closed(task);
        key = task + ":webhook:succeeded";
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
        OutboxEntry first = stored(key);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).isEqualTo("the webhook answered HTTP 500");
        assertThat(first.sentAt()).isNull();

        host.tick(); // not due yet (1 min)
        assertThat(deliveries).hasSize(1);

        clock.advance(Duration.ofSeconds(61));
        awaitDeliveries(2);
        assertThat(deliveries).hasSize(2);
        assertThat(stored(key).attempts()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        host.tick(); // the second wait is 5 min
        assertThat(deliveries).hasSize(2);

        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        awaitDeliveries(3);
        host.tick();
        host.tick();

        assertThat(deliveries).extracting(Delivery::answered).containsExactly(500, 500, 204);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.header("X-Sregistry-Delivery")).isEqualTo(key));
        assertThat(deliveries.stream().map(d -> new String(d.body(), StandardCharsets.UTF_8)).distinct()).hasSize(1);
        for (Delivery d : deliveries) {
            assertSigned(d, secret);
        }
        OutboxEntry done = stored(key);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.sentAt()).isNotNull();
    }

    @Test
    void theApiNamesWhatIsWrongAndShowsTheSecretOnlyOnce() throws Exception {
        HttpResponse<String> ftp = putSettings("{\"webhook\":{\"url\":\"ftp://ci.example.org/x\"}}");
        assertThat(ftp.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(ftp.body()).path("message").asText())
                .startsWith("webhook.url: only http:// and https:// URLs are accepted");
        HttpResponse<String> events = putSettings("{\"webhook\":{\"url\":\"https://ci.example.org/x\",\"events\":[\"done\"]}}");
        assertThat(events.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(events.body()).path("message").asText()).startsWith("webhook.events: 'done'");
        HttpResponse<String> email = putSettings("{\"email\":\"yes\"}");
        assertThat(email.statusCode()).isEqualTo(400);
        assertThat(email.body()).contains("email: expected true or false");

        String secret = saved("{\"email\":true,\"webhook\":{\"url\":\"https://ci.example.org/x\"},\"rotate_secret\":true}")
                .path("secret").asText();
        JsonNode again = saved("{\"email\":true,\"webhook\":{\"url\":\"https://ci.example.org/y\"}}");
        assertThat(again.has("secret")).isFalse();
        String read = admin.get("/api/globus/notifications").body();
        assertThat(read).contains("\"url\":\"https://ci.example.org/y\"", "\"events\":[\"succeeded\",\"failed\"]",
                "\"mail_available\":true").doesNotContain(secret).doesNotContain("\"secret\"");
        try (Database db = Database.open(host.registry.dataDir())) {
            String record = new JdbcPluginStore(db, "globus", Clock.systemUTC()).get(NotifySettingsStore.KIND, "admin")
                    .orElseThrow();
            assertThat(record).doesNotContain(secret).contains("\"secret\":\"s1.");
        }
    }

    @Test
    void theCardOnTheGlobusPageSavesByFormWithTheCsrfToken() throws Exception {
        saved("{\"email\":false}");
        RegistryClient browser = host.registry.browser();
        assertThat(browser.get("/globus").body()).contains("id=\"globus-notifications\"", "Save notifications");

        HttpResponse<String> forged = browser.formWithoutCsrf("/globus/notifications", Map.of("email", "on"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> bad = browser.form("/globus/notifications", Map.of("webhook_url", "javascript:alert(1)",
                "event", "failed"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("webhook.url: only http:// and https:// URLs are accepted");

        HttpResponse<String> made = browser.form("/globus/notifications", Map.of("email", "on", "webhook_url",
                hookUrl(), "event", "failed", "rotate", "on"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(made.body()).contains("id=\"globus-webhook-secret\">whsec_");
        HttpResponse<String> plain = browser.form("/globus/notifications", Map.of("email", "on"));
        assertThat(plain.statusCode()).isEqualTo(303);
        assertThat(plain.headers().firstValue("Location").orElse("")).endsWith("/globus?m=notifications#globus-notifications");
        JsonNode now = JSON.readTree(admin.get("/api/globus/notifications").body());
        assertThat(now.path("email").asBoolean()).isTrue();
        assertThat(now.path("webhook").isNull()).isTrue();
    }
}
