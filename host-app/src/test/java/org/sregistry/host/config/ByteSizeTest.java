package org.sregistry.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sregistry.api.ConfigOption;
import org.sregistry.host.HostOptions;

class ByteSizeTest {

    @Test
    void plainBytesAndBinaryUnits() {
        assertThat(ByteSize.parse("0")).isZero();
        assertThat(ByteSize.parse("1073741824")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("512MiB")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse(" 2 tib ")).isEqualTo(2L << 40);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(64L << 10);
        assertThat(ByteSize.parse("512M")).isEqualTo(512L << 20); // as in -Xmx512M
        assertThat(ByteSize.parse("3G")).isEqualTo(3L << 30);
        assertThat(ByteSize.parse("100B")).isEqualTo(100);
    }

    @Test
    void refusalsSayWhatIsExpected() {
        assertThatThrownBy(() -> ByteSize.parse("1GB")).hasMessageContaining("ambiguous").hasMessageContaining("GiB");
        assertThatThrownBy(() -> ByteSize.parse("1.5GiB")).hasMessageContaining("expected a number of bytes");
        assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessageContaining("expected a number of bytes");
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("expected a number of bytes");
        assertThatThrownBy(() -> ByteSize.parse("12 parsecs")).hasMessageContaining("unknown unit 'parsecs'");
        assertThatThrownBy(() -> ByteSize.parse("")).hasMessageContaining("expected a number of bytes");
        assertThatThrownBy(() -> ByteSize.parse("9999999999TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSize.parse("99999999999999999999")).hasMessageContaining("too large");
        assertThat(ByteSize.parse("8388607TiB")).isEqualTo(8388607L << 40); // the largest that fits
    }

    @Test
    void theFloorOptionDefaultsToOneGibibyteAndIsValidatedLikeTheOthers() {
        ConfigOption floor = HostOptions.all().stream().filter(o -> o.key().equals("REGISTRY_MIN_FREE_BYTES"))
                .findFirst().orElseThrow();
        assertThat(ByteSize.parse(floor.defaultValue())).isEqualTo(1L << 30);
        assertThat(floor.validator().check("512MiB")).isEmpty();
        assertThat(floor.validator().check("1GB")).hasValueSatisfying(m -> assertThat(m).contains("ambiguous"));

        LayeredConfig config = new LayeredConfig(new ConfigFile(java.nio.file.Path.of("/nonexistent/registry.properties")),
                java.util.Map.of("REGISTRY_MIN_FREE_BYTES", "1 GB"), java.util.Map.of());
        config.declare("host", HostOptions.all());
        assertThat(config.problems("host").get("REGISTRY_MIN_FREE_BYTES"))
                .contains("REGISTRY_MIN_FREE_BYTES='1 GB' (from environment", "ambiguous");
    }
}
