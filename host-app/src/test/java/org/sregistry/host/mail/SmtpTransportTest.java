package org.sregistry.host.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.api.MailException;

/**
 * One message through a real SMTP server on loopback (GreenMail): headers, UTF-8 text, sign-in, and the one-line
 * failures (wrong password, nobody listening) that never carry the password; plus what {@link SmtpSettings} refuses.
 */
class SmtpTransportTest {
    private static final String PASSWORD = "correct-horse-battery";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("registry", PASSWORD));

    private final SmtpTransport transport = new SmtpTransport(Clock.systemUTC());

    private SmtpSettings settings(String user, String password) {
        Map<String, String> values = new HashMap<>();
        values.put(MailOptions.HOST, "127.0.0.1");
        values.put(MailOptions.PORT, Integer.toString(smtp.getSmtp().getPort()));
        values.put(MailOptions.SECURITY, "none");
        values.put(MailOptions.FROM, "Registry <registry@example.org>");
        if (user != null) {
            values.put(MailOptions.USER, user);
            values.put(MailOptions.PASSWORD, password);
        }
        return SmtpSettings.read(k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void aMessageArrivesWithItsSenderSubjectAndUtf8Text() throws Exception {
        transport.send(settings("registry", PASSWORD), "alice@example.org", "Globus transfer finished: lab/tool:1\r\nBcc: x@evil",
                "Imported lab/tool:1 — 3 files, 100 %.\n");

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.org");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Registry <registry@example.org>");
        assertThat(message.getSubject()).isEqualTo("Globus transfer finished: lab/tool:1 Bcc: x@evil");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(GreenMailUtil.getBody(message)).contains("Imported lab/tool:1");
        assertThat(message.getContent().toString()).contains("— 3 files, 100 %");
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheServerAndNeverThePassword() {
        String wrong = "wrong-password-" + PASSWORD;
        assertThatThrownBy(() -> transport.send(settings("registry", wrong), "alice@example.org", "s", "t"))
                .isInstanceOfSatisfying(MailException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MailException.Reason.SEND_FAILED);
                    assertThat(e.getMessage()).startsWith("The SMTP server 127.0.0.1:" + smtp.getSmtp().getPort()
                            + " refused the sign-in as registry").doesNotContain(wrong).doesNotContain("\n");
                });
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void nobodyListeningIsUnreachableWithinTheTimeout() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SmtpSettings s = settings(null, null);
        SmtpSettings nowhere = new SmtpSettings(s.host(), closed, s.security(), null, null, s.from(), Duration.ofSeconds(2));
        assertThatThrownBy(() -> transport.send(nowhere, "alice@example.org", "s", "t"))
                .isInstanceOfSatisfying(MailException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MailException.Reason.SEND_FAILED);
                    assertThat(e.getMessage()).startsWith("The SMTP server 127.0.0.1:" + closed + " could not be reached");
                });
    }

    @Test
    void anAddressTheRegistryCannotUseIsNoAddress() {
        assertThatThrownBy(() -> transport.send(settings(null, null), "not an address", "s", "t"))
                .isInstanceOfSatisfying(MailException.class,
                        e -> assertThat(e.reason()).isEqualTo(MailException.Reason.NO_ADDRESS));
    }

    @Test
    void settingsNameTheKeyThatIsMissingAndRefuseAPasswordInClearToAnotherHost() {
        Map<String, String> values = new HashMap<>();
        assertThatThrownBy(() -> SmtpSettings.read(k -> Optional.ofNullable(values.get(k))))
                .hasMessageContaining(MailOptions.HOST);
        values.put(MailOptions.HOST, "smtp.example.org");
        assertThatThrownBy(() -> SmtpSettings.read(k -> Optional.ofNullable(values.get(k))))
                .hasMessageContaining(MailOptions.FROM);
        values.put(MailOptions.FROM, "registry@example.org");
        SmtpSettings defaults = SmtpSettings.read(k -> Optional.ofNullable(values.get(k)));
        assertThat(defaults.port()).isEqualTo(587);
        assertThat(defaults.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(SmtpTransport.properties(defaults)).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true");

        values.put(MailOptions.USER, "registry");
        values.put(MailOptions.PASSWORD, PASSWORD);
        assertThat(SmtpSettings.read(k -> Optional.ofNullable(values.get(k))).toString()).doesNotContain(PASSWORD);
        values.put(MailOptions.SECURITY, "none");
        assertThatThrownBy(() -> SmtpSettings.read(k -> Optional.ofNullable(values.get(k))))
                .isInstanceOfSatisfying(MailException.class, e -> assertThat(e.reason())
                        .isEqualTo(MailException.Reason.NOT_CONFIGURED))
                .hasMessageContaining("readable to smtp.example.org");
        values.put(MailOptions.HOST, "127.0.0.1");
        assertThat(SmtpSettings.read(k -> Optional.ofNullable(values.get(k))).port()).isEqualTo(25);
    }

    @Test
    void optionChecksSayWhatIsExpected() {
        assertThat(MailOptions.checkHost("smtp://smtp.example.org:587")).isPresent();
        assertThat(MailOptions.checkHost("smtp.example.org")).isEmpty();
        assertThat(MailOptions.checkPort("70000")).isPresent();
        assertThat(MailOptions.checkSecurity("ssl")).contains("expected starttls, tls or none");
        assertThat(MailOptions.checkFrom("Registry <registry@example.org>")).isEmpty();
        assertThat(MailOptions.checkFrom("a@example.org, b@example.org")).isPresent();
        assertThat(MailOptions.checkFrom("registry")).isPresent();
    }
}
