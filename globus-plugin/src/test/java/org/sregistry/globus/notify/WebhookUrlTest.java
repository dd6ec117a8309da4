package org.sregistry.globus.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a webhook URL may be: http or https with a host, no user info; a user's may not point inside the registry's
 * network (address literals here, so no name is looked up), an administrator's may.
 */
class WebhookUrlTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
            "http://172.16.0.1/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/", "http://198.18.0.5/", "http://240.1.2.3/", "http://192.0.0.8/",
            "http://[64:ff9b::a00:1]/", "http://[2002:a00:1::1]/", "http://[::10.0.0.1]/", "http://[fec0::1]/"})
    void aUsersWebhookMayNotPointInsideTheNetworkAnAdministratorsMay(String url) {
        assertThatThrownBy(() -> WebhookUrl.check(url, false))
                .isInstanceOfSatisfying(InvalidNotifySettingsException.class,
                        e -> assertThat(e.field()).isEqualTo("webhook.url"))
                .hasMessageContaining("inside the registry's network");
        assertThat(WebhookUrl.check(url, true).toString()).isEqualTo(url);
    }

    @Test
    void publicAddressesAreFineForEveryone() {
        assertThat(WebhookUrl.check("https://93.184.216.34/hooks/registry", false).getHost()).isEqualTo("93.184.216.34");
        assertThat(WebhookUrl.check("https://[2606:2800:220:1:248:1893:25c8:1946]/", false)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://ci.example.org/x", "javascript:alert(1)", "file:///etc/passwd", "/relative/hook",
            "https://user:pw@ci.example.org/x", "https://ci.example.org/x#frag", "https:///nohost", "not a url"})
    void onlyPlainHttpAndHttpsUrlsWithAHost(String url) {
        assertThatThrownBy(() -> WebhookUrl.check(url, true)).isInstanceOf(InvalidNotifySettingsException.class)
                .hasMessageStartingWith("webhook.url: ");
    }
}
