package org.sregistry.host.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryPathsTest {

    @Test
    void theEntityIsIgnoredAndOnePartTakesTheDefaultCollection() {
        assertThat(LibraryPaths.repository("someone/demo/lolcow")).hasValue("demo/lolcow");
        assertThat(LibraryPaths.repository("/someone/demo/lolcow")).hasValue("demo/lolcow");
        assertThat(LibraryPaths.repository("demo/lolcow")).hasValue("demo/lolcow");
        assertThat(LibraryPaths.repository("lolcow")).hasValue("library/lolcow");
    }

    @Test
    void malformedNamespacesMapToNothing() {
        assertThat(LibraryPaths.repository(null)).isEmpty();
        assertThat(LibraryPaths.repository("")).isEmpty();
        assertThat(LibraryPaths.repository("a/b/c/d")).isEmpty();
        assertThat(LibraryPaths.repository("a//c")).isEmpty();
        assertThat(LibraryPaths.repository("Demo/lolcow")).isEmpty();
        assertThat(LibraryPaths.repository("demo/lol..cow")).isEmpty();
        assertThat(LibraryPaths.repository("demo/-lolcow")).isEmpty();
        assertThat(LibraryPaths.repository("bad entity/demo/lolcow")).isEmpty();
    }

    @Test
    void lookupsByTagOrByLibraryHash() {
        assertThat(LibraryPaths.imageLookup("e/demo/lolcow", "1.0")).hasValue("demo/lolcow:1.0");
        String hex = "a".repeat(64);
        assertThat(LibraryPaths.imageLookup("e/demo/lolcow", "sha256." + hex)).hasValue("demo/lolcow@sha256:" + hex);
        assertThat(LibraryPaths.imageLookup("e/demo/lolcow", "")).isEmpty();
        assertThat(LibraryPaths.imageLookup("e/demo/lolcow", "UPPER")).isEmpty();
        assertThat(LibraryPaths.imageLookup("e/demo/lolcow", "a/b")).isEmpty();
    }
}
