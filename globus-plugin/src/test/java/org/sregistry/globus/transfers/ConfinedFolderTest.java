package org.sregistry.globus.transfers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads, renames and deletes in the staging folder never follow a link, at the file or on the way. */
class ConfinedFolderTest {
    @TempDir
    Path dir;
    Path staging;
    Path secret;
    ConfinedFolder folder;

    @BeforeEach
    void setUp() throws Exception {
        staging = Files.createDirectories(dir.resolve("staging"));
        secret = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("x.sif"), "the secret");
        folder = new ConfinedFolder(staging);
    }

    @Test
    void aRegularFileIsReadAndDeleted() throws Exception {
        Path file = Files.writeString(Files.createDirectories(staging.resolve("sub")).resolve("a.sif"), "bytes");

        assertThat(folder.look(file)).isEqualTo(new ConfinedFolder.Regular(5));
        try (InputStream in = folder.open(file)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("bytes");
        }
        assertThat(folder.delete(file)).isTrue();
        assertThat(file).doesNotExist();
        assertThat(folder.look(file)).isEqualTo(new ConfinedFolder.Missing());
        assertThat(folder.delete(file)).isFalse();
    }

    @Test
    void aLinkInPlaceOfTheFileIsRefusedAndOnlyTheLinkIsDeleted() throws Exception {
        Path link = Files.createSymbolicLink(staging.resolve("a.sif"), secret);

        assertThat(folder.look(link)).isInstanceOfSatisfying(ConfinedFolder.Refused.class,
                r -> assertThat(r.why()).contains("a.sif", "symbolic link"));
        assertThatThrownBy(() -> folder.open(link)).isInstanceOf(ConfinedFolder.RefusedException.class);
        assertThatThrownBy(() -> folder.renameTo(link, dir.resolve("q.sif")))
                .isInstanceOf(ConfinedFolder.RefusedException.class);
        assertThat(dir.resolve("q.sif")).doesNotExist();

        assertThat(folder.delete(link)).isTrue();
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(secret).hasContent("the secret");
    }

    @Test
    void aLinkedSubFolderIsNeverReadNorDeletedThrough() throws Exception {
        Files.createSymbolicLink(staging.resolve("sub"), secret.getParent());
        Path through = staging.resolve("sub").resolve("x.sif");

        assertThat(folder.look(through)).isInstanceOfSatisfying(ConfinedFolder.Refused.class,
                r -> assertThat(r.why()).contains("symbolic link", "sub"));
        assertThatThrownBy(() -> folder.open(through)).isInstanceOf(ConfinedFolder.RefusedException.class);
        assertThatThrownBy(() -> folder.delete(through)).isInstanceOf(ConfinedFolder.RefusedException.class);
        assertThat(secret).hasContent("the secret");
    }

    @Test
    void pathsOutsideTheFolderAreRefusedAndARenameMovesTheFileItself() throws Exception {
        assertThat(folder.look(secret)).isInstanceOf(ConfinedFolder.Refused.class);
        assertThat(folder.look(staging.resolve("../outside/x.sif"))).isInstanceOf(ConfinedFolder.Refused.class);

        Path file = Files.writeString(staging.resolve("b.sif"), "kept");
        Path target = Files.createDirectories(dir.resolve("quarantine")).resolve("0-b.sif");
        assertThat(folder.renameTo(file, target)).isTrue();
        assertThat(target).hasContent("kept");
        assertThat(file).doesNotExist();
    }

    @Test
    void aStagingFolderThatIsItselfALinkIsUsedThroughItsRealPath() throws Exception {
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), staging);
        Path file = Files.writeString(staging.resolve("c.sif"), "ok");

        ConfinedFolder viaAlias = new ConfinedFolder(alias);
        assertThat(viaAlias.look(alias.resolve("c.sif"))).isEqualTo(new ConfinedFolder.Regular(2));
        assertThat(viaAlias.look(file)).as("by its real path too").isEqualTo(new ConfinedFolder.Regular(2));
    }
}
