package org.sregistry.globus.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging folder the plugin creates is the owner's alone; one an administrator made keeps its mode. */
class StagingAreaTest {
    @TempDir
    Path dir;

    @Test
    void aStagingFolderItCreatesIsOwnerOnly() throws Exception {
        Path staging = dir.resolve("elsewhere/staging");
        new StagingArea(staging, "/staging/").newFile("lolcow_latest.sif");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staging))).isEqualTo("rwx------");
    }

    @Test
    void aStagingFolderThatExistsKeepsItsMode() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-x---"));
        new StagingArea(staging, "/staging/").newFile("lolcow_latest.sif");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staging))).isEqualTo("rwxr-x---");
    }
}
