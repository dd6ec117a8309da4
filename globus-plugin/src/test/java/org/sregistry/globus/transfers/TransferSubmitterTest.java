package org.sregistry.globus.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImageNameParser;

class TransferSubmitterTest {

    @Test
    void pushedFilesAreNamedLikeSingularityPullSoABringParsesThemBack() {
        ImageName name = ImageName.parse("demo/lolcow:latest");
        String file = TransferSubmitter.fileNameOf(name);
        assertThat(file).isEqualTo("lolcow_latest.sif");
        assertThat(ImageNameParser.fromFileName(file, "demo").withoutVersion()).isEqualTo("demo/lolcow:latest");
        assertThat(TransferSubmitter.fileNameOf(ImageName.parse("salad:1.0"))).isEqualTo("salad_1.0.sif");
    }
}
