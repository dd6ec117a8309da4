package org.sregistry.host.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.users.UserStore;

/**
 * "Send test e-mail" on {@code /settings} against a real SMTP server on loopback (GreenMail): the message reaches the
 * administrator's own address, the page says so, the audit log has {@code mail.test}; a refused sign-in, an account
 * without address and missing settings are one plain sentence (never a stack trace), and the SMTP password is in
 * neither the page nor the log.
 */
class MailSettingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "smtp-secret-4f9a2c";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("registry", PASSWORD))
            .withPerMethodLifecycle(false);

    static RegistryExtension registry;
    static RegistryClient browser;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryExtension.builder()
                .config(MailOptions.HOST, "127.0.0.1")
                .config(MailOptions.PORT, Integer.toString(smtp.getSmtp().getPort()))
                .config(MailOptions.SECURITY, "none")
                .config(MailOptions.USER, "registry")
                .config(MailOptions.PASSWORD, PASSWORD)
                .config(MailOptions.FROM, "Registry <registry@example.org>")
                .start();
        browser = registry.browser();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void adminHasAnAddress() {
        setAdminEmail("admin@example.org");
        setOption(MailOptions.PASSWORD, PASSWORD);
    }

    private static void setAdminEmail(String email) {
        registry.server().users().update(registry.adminUser().id(), new UserStore.Change(null, email, null, null, null));
    }

    private static void setOption(String key, String value) {
        HttpResponse<String> r = browser.form("/settings/options", Map.of("key", key, "value", value));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<JsonNode> auditEvents(String action) throws Exception {
        registry.server().audit().flush();
        HttpResponse<String> r = registry.admin().get("/api/audit?limit=100&action=" + action);
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(r.body()).path("events").forEach(events::add);
        return events;
    }

    @Test
    void theTestMessageReachesTheAdministratorsAddressAndIsAudited() throws Exception {
        String settings = browser.get("/settings").body();
        assertThat(settings).contains("id=\"mail\"", "Send test e-mail", "127.0.0.1:" + smtp.getSmtp().getPort()
                + ", none, signing in as registry").doesNotContain(PASSWORD);
        int before = smtp.getReceivedMessages().length;

        HttpResponse<String> r = browser.form("/settings/mail/test", Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Test e-mail sent to admin@example.org");
        assertThat(smtp.waitForIncomingEmail(5_000, before + 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[before];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("admin@example.org");
        assertThat(message.getSubject()).isEqualTo(TestMail.SUBJECT);
        assertThat(GreenMailUtil.getBody(message)).contains("sent from the settings page by admin");
        assertThat(auditEvents("mail.test")).anySatisfy(e -> {
            assertThat(e.path("outcome").asText()).isEqualTo("ok");
            assertThat(e.path("actor").asText()).isEqualTo("admin");
        });
    }

    @Test
    void theFormNeedsTheCsrfToken() {
        int before = smtp.getReceivedMessages().length;
        HttpResponse<String> r = browser.formWithoutCsrf("/settings/mail/test", Map.of());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(smtp.getReceivedMessages()).hasSize(before);
    }

    @Test
    void aRefusedSignInIsOneSentenceAndThePasswordIsNeitherShownNorLogged() throws Exception {
        String wrong = "wrong-" + PASSWORD;
        setOption(MailOptions.PASSWORD, wrong);

        HttpResponse<String> r = browser.form("/settings/mail/test", Map.of());

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("No test e-mail was sent. The SMTP server 127.0.0.1:" + smtp.getSmtp().getPort()
                + " refused the sign-in as registry").doesNotContain(wrong).doesNotContain("Exception")
                .doesNotContain("at org.");
        assertThat(auditEvents("mail.test")).anySatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("failed"));
        String log = Files.readString(registry.server().logFile());
        assertThat(log).doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void anAccountWithoutAddressIsToldWhereToAddOne() {
        setAdminEmail("");
        HttpResponse<String> r = browser.form("/settings/mail/test", Map.of());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("The account admin has no e-mail address");
    }

    @Test
    void withoutASenderTheSectionSaysWhichKeyIsMissing() {
        setOption(MailOptions.FROM, "");
        try {
            String page = browser.get("/settings").body();
            assertThat(page).contains("E-mail is not configured: no sender address is configured (REGISTRY_SMTP_FROM).");
            HttpResponse<String> r = browser.form("/settings/mail/test", Map.of());
            assertThat(r.statusCode()).isEqualTo(409);
        } finally {
            setOption(MailOptions.FROM, "Registry <registry@example.org>");
        }
    }
}
