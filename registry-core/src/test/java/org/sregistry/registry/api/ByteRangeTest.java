package org.sregistry.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void headersTheServerDoesNotUnderstandAreIgnored() {
        for (String ignored : new String[] {"items=0-1", "bytes=5-3", "bytes=abc", "bytes=+1-2", "bytes=1--2",
                "bytes=-", "bytes 0-1", "bytes=0-1,5-6", ""}) {
            assertThat(ByteRange.parse(ignored, 100)).as(ignored).isEmpty();
        }
    }

    @Test
    void positionsPastAnyFileMeanTheEnd() {
        assertThat(ByteRange.parse("bytes=0-99999999999999999999", 100)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=-99999999999999999999", 100)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("BYTES=10-", 100)).contains(new ByteRange(10, 99));
    }

    @Test
    void rangesStartingPastTheEndAreUnsatisfiable() {
        for (String bad : new String[] {"bytes=100-", "bytes=100-200", "bytes=99999999999999999999-", "bytes=-0"}) {
            assertThatThrownBy(() -> ByteRange.parse(bad, 100)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
