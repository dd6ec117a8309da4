package org.sregistry.globus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.config.GlobusOptions;
import org.sregistry.globus.imports.GlobusImportTask;
import org.sregistry.testkit.FakePluginContext;

class GlobusConfigChangesTest {
    @TempDir
    Path dir;

    @Test
    void aChangedStagingPathIsDecidedAnewAtOnceAndTheImportTaskRuns() {
        FakePluginContext context = FakePluginContext.of("globus").withHostDataDir(dir)
                .withSignInGrants(new NoSignInGrants());
        context.withOptions(new GlobusOptions(context))
                .withConfig(GlobusKeys.SHARING, "guest")
                .withConfig(GlobusKeys.ENDPOINT, "3a42f43c-1744-40dc-9b16-753d8e1589fa")
                .withConfig(GlobusKeys.STAGING_PATH, "/~/staging/");
        GlobusPlugin plugin = new GlobusPlugin(context);
        assertThat(plugin.services().sharing().current().guest()).as("a guest collection's root must be /").isFalse();

        context.config().set(GlobusKeys.STAGING_PATH, "/");
        assertThat(plugin.services().sharing().current().guest()).as("the old decision is kept for ten minutes")
                .isFalse();
        new GlobusConfigChanges(plugin).configChanged(Set.of(GlobusKeys.STAGING_PATH));

        assertThat(plugin.services().sharing().current().guest()).isTrue();
        assertThat(context.tasksRunSoon()).containsExactly(GlobusImportTask.NAME);
    }
}
