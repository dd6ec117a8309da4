package org.sregistry.globus.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RobotNamerTest {

    @Test
    void namesAreDescriptorNounAndFourDigits() {
        RobotNamer namer = new RobotNamer(new Random(42));
        for (int i = 0; i < 200; i++) {
            String name = namer.generate();
            assertThat(name).matches("[a-z]+-[a-z]+-\\d{4}");
            assertThat(RobotNamer.isValid(name)).isTrue();
        }
    }

    @Test
    void namesVary() {
        RobotNamer namer = new RobotNamer();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            names.add(namer.generate());
        }
        assertThat(names).hasSizeGreaterThan(45);
    }

    @Test
    void validationRejectsWhatCannotNameAnEndpointCleanly() {
        assertThat(RobotNamer.isValid("bumfuzzled-despacito-2591")).isTrue();
        assertThat(RobotNamer.isValid("Upper-case-1")).isFalse();
        assertThat(RobotNamer.isValid("two--dashes")).isFalse();
        assertThat(RobotNamer.isValid("-leading")).isFalse();
        assertThat(RobotNamer.isValid("<script>")).isFalse();
        assertThat(RobotNamer.isValid("a".repeat(65))).isFalse();
    }
}
