package org.sregistry.globus.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointPathsTest {

    @Test
    void directoriesAreNormalisedAndEndInASlash() {
        assertThat(EndpointPaths.directory(null)).isNull();
        assertThat(EndpointPaths.directory("  ")).isNull();
        assertThat(EndpointPaths.directory("/")).isEqualTo("/");
        assertThat(EndpointPaths.directory("/~/")).isEqualTo("/~/");
        assertThat(EndpointPaths.directory("~/a//b/./c")).isEqualTo("/~/a/b/c/");
        assertThat(EndpointPaths.directory("/data/x")).isEqualTo("/data/x/");
    }

    @Test
    void traversalControlCharactersRelativeAndLongPathsAreRefused() {
        assertThatThrownBy(() -> EndpointPaths.directory("/~/a/../../etc")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("..");
        assertThatThrownBy(() -> EndpointPaths.directory("/..")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EndpointPaths.directory("relative/x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EndpointPaths.directory("/a\nb")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EndpointPaths.directory("/" + "a".repeat(1100)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too long");
    }

    @Test
    void filesMustNameAFile() {
        assertThat(EndpointPaths.file("/~/images/lolcow_latest.sif")).isEqualTo("/~/images/lolcow_latest.sif");
        assertThatThrownBy(() -> EndpointPaths.file("/~/images/")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EndpointPaths.file(null)).isInstanceOf(InvalidInputException.class);
        assertThat(EndpointPaths.name("/~/images/lolcow_latest.sif")).isEqualTo("lolcow_latest.sif");
    }

    @Test
    void parentsBreadcrumbsAndChildren() {
        assertThat(EndpointPaths.parent("/~/a/b/")).isEqualTo("/~/a/");
        assertThat(EndpointPaths.parent("/~/a/")).isEqualTo("/~/");
        assertThat(EndpointPaths.parent("/~/")).isNull();
        assertThat(EndpointPaths.parent("/data/")).isEqualTo("/");
        assertThat(EndpointPaths.parent("/")).isNull();
        assertThat(EndpointPaths.breadcrumbs("/~/a/b/")).extracting(EndpointPaths.Crumb::path)
                .containsExactly("/~/", "/~/a/", "/~/a/b/");
        assertThat(EndpointPaths.breadcrumbs("/data/x/")).extracting(EndpointPaths.Crumb::label)
                .containsExactly("/", "data", "x");
        assertThat(EndpointPaths.child("/~/a/", "f.sif")).isEqualTo("/~/a/f.sif");
        assertThatThrownBy(() -> EndpointPaths.child("/~/", "../x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EndpointPaths.checkName("..")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void endpointIdsAreUuids() {
        assertThat(EndpointIds.check("3A42F43C-1744-40DC-9B16-753D8E1589FA"))
                .isEqualTo("3a42f43c-1744-40dc-9b16-753d8e1589fa");
        assertThatThrownBy(() -> EndpointIds.check("3a42f43c")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EndpointIds.check("../etc")).isInstanceOf(InvalidInputException.class);
        assertThat(EndpointIds.valid(null)).isFalse();
    }
}
