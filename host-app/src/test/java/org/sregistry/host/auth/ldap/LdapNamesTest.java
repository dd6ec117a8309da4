package org.sregistry.host.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import org.junit.jupiter.api.Test;

class LdapNamesTest {
    private static final String PATTERN = "uid={0},ou=people,dc=example,dc=org";

    @Test
    void theNameIsOneEscapedRdnValue() throws Exception {
        DN dn = LdapNames.userDn(PATTERN, "alice,ou=admins+cn=x");
        assertThat(dn.getRDNs()).hasSize(4);
        assertThat(dn.getRDN().getAttributeValues()).containsExactly("alice,ou=admins+cn=x");
        assertThat(dn.getParent()).isEqualTo(new DN("ou=people,dc=example,dc=org"));
        assertThat(LdapNames.userDn(PATTERN, "alice")).isEqualTo(new DN("uid=alice,ou=people,dc=example,dc=org"));
    }

    @Test
    void filterSyntaxInTheNameIsEncoded() {
        assertThat(LdapNames.userFilter("(uid={0})", "*)(uid=*").toString()).isEqualTo("(uid=\\2a\\29\\28uid=\\2a)");
        assertThat(LdapNames.userFilter("(|(uid={0})(mail={0}))", "a\\b").toString())
                .isEqualTo("(|(uid=a\\5cb)(mail=a\\5cb))");
    }

    @Test
    void theGroupFilterCarriesTheDnAsOneValue() throws Exception {
        DN dn = LdapNames.userDn(PATTERN, "x)(cn=*");
        assertThat(LdapNames.groupFilter(dn).getComponents()[1].getAssertionValue()).isEqualTo(dn.toString());
    }

    @Test
    void userNames() {
        assertThat(LdapNames.usernameProblem("alice")).isEmpty();
        assertThat(LdapNames.usernameProblem("jean-françois.o'brien")).isEmpty();
        assertThat(LdapNames.usernameProblem("a".repeat(64))).isEmpty();
        assertThat(LdapNames.usernameProblem("a".repeat(65))).contains("user name longer than 64 characters");
        assertThat(LdapNames.usernameProblem("")).contains("empty user name");
        assertThat(LdapNames.usernameProblem(null)).contains("empty user name");
        assertThat(LdapNames.usernameProblem("alice ")).contains("user name starts or ends with white space");
        assertThat(LdapNames.usernameProblem("al\rice")).contains("user name contains a control character");
        assertThat(LdapNames.usernameProblem("al\u2028ice")).contains("user name contains a control character");
    }
}
