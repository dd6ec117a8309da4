package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharePathsTest {

    static final String SID = "4d343abe-a55f-4c19-9349-1ea463d982f6";

    @Test
    void aShareIsTSidWithLeadingAndTrailingSlash() {
        assertThat(SharePaths.of(SID)).isEqualTo("/t/" + SID + "/");
        assertThat(SharePaths.of(SID.toUpperCase())).isEqualTo("/t/" + SID + "/");
        assertThat(SharePaths.sidOf("/t/" + SID + "/")).contains(SID);
        assertThat(SharePaths.isSharePath("/t/" + SID + "/")).isTrue();
    }

    @Test
    void onlyAUuidMakesAShare() {
        for (String bad : new String[] {null, "", "x", "../etc", SID + "/x", "1-1-1-1-1", SID + " ", "/" + SID}) {
            if (bad != null && bad.equals(SID + " ")) {
                assertThat(SharePaths.of(bad)).isEqualTo("/t/" + SID + "/"); // surrounding blanks are trimmed
                continue;
            }
            assertThatThrownBy(() -> SharePaths.of(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void otherPathsHaveNoSid() {
        for (String other : new String[] {null, "/", "/t/", "/t/" + SID, "t/" + SID + "/", "/t/" + SID + "/sub/",
                "/x/t/" + SID + "/", "/t/" + SID.toUpperCase() + "/", "/shared/"}) {
            assertThat(SharePaths.sidOf(other)).as(String.valueOf(other)).isEmpty();
        }
    }
}
