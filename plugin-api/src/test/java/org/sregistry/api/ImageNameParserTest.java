package org.sregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameParserTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void parsesFullName() {
        ImageName n = ImageName.parse("demo/lolcow:v1.0@" + DIGEST);
        assertThat(n).isEqualTo(new ImageName("demo", "lolcow", "v1.0", DIGEST));
        assertThat(n.toString()).isEqualTo("demo/lolcow:v1.0@" + DIGEST);
        assertThat(n.withoutVersion()).isEqualTo("demo/lolcow:v1.0");
    }

    @Test
    void appliesDefaults() {
        assertThat(ImageName.parse("lolcow")).isEqualTo(new ImageName("library", "lolcow", "latest", null));
        assertThat(ImageName.parse("demo/lolcow")).isEqualTo(new ImageName("demo", "lolcow", "latest", null));
        assertThat(ImageName.parse("lolcow:22.04")).isEqualTo(new ImageName("library", "lolcow", "22.04", null));
        assertThat(ImageName.parse("lolcow@" + DIGEST).tag()).isEqualTo("latest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a-b_c.d/e.f-g_h:1.2-rc_3", "ubuntu-22.04", "0/9:0"})
    void acceptsGoodNames(String text) {
        assertThat(ImageNameParser.isValid(text)).isTrue();
    }

    @Test
    void rejectsBadNamesWithClearMessages() {
        assertRejected("", "empty");
        assertRejected(null, "empty");
        assertRejected("../x", "'..'");
        assertRejected("x".repeat(4096), "too long (4096 characters, at most 512)");
        assertRejected("Lolcow", "upper-case 'L'");
        assertRejected("demo/lolcow:Latest", "upper-case 'L'");
        assertRejected("lolcöw", "U+00F6");
        assertRejected("demo//lolcow", "more than one '/'");
        assertRejected("a/b/c", "more than one '/'");
        assertRejected("demo/", "name is empty");
        assertRejected("/lolcow", "collection is empty");
        assertRejected("lolcow:", "tag is empty");
        assertRejected("lo lcow", "U+0020");
        assertRejected("-lolcow", "must start and end");
        assertRejected("lolcow.", "must start and end");
        assertRejected("lol$cow", "contains '$'");
        assertRejected("a:b:c", "more than one ':'");
        assertRejected("x".repeat(129), "name is too long (129 characters, at most 128)");
        assertRejected("lolcow@sha256:abc", "64 hex digits");
        assertRejected("lolcow@md5:" + "0".repeat(64), "must be 'sha256:'");
        assertRejected("lolcow@sha256:" + "g".repeat(64), "'g'");
        assertRejected("lolcow@" + DIGEST + "@" + DIGEST, "64 hex digits");
    }

    private static void assertRejected(String text, String messagePart) {
        assertThatThrownBy(() -> ImageName.parse(text))
                .isInstanceOf(InvalidImageNameException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void derivesNamesFromFileNames() {
        assertThat(ImageNameParser.fromFileName("lolcow_latest.sif").toString()).isEqualTo("library/lolcow:latest");
        assertThat(ImageNameParser.fromFileName("/scratch/x/ubuntu-22.04.simg").toString())
                .isEqualTo("library/ubuntu-22.04:latest");
        assertThat(ImageNameParser.fromFileName("My Image (v2)_GPU.sif", "Lab Öne").toString())
                .isEqualTo("lab-ne/my-image-v2:gpu");
        assertThat(ImageNameParser.fromFileName("..sif").toString()).isEqualTo("library/image:latest");
        assertThat(ImageNameParser.fromFileName("---", null).toString()).isEqualTo("library/image:latest");
        assertThat(ImageNameParser.fromFileName("x".repeat(300) + ".sif").name()).hasSize(128);
        // whatever comes in, the result parses
        for (String f : new String[] {"a..b.sif", "_x_.sif", "ÄÖÜ.sif", "a:b.sif", "..", ".sif"}) {
            assertThat(ImageNameParser.isValid(ImageNameParser.fromFileName(f).toString())).as(f).isTrue();
        }
    }
}
