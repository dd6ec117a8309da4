package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.host.web.Assets;

/** {@code plugin.requires}: a plugin built for a newer registry is refused, saying which version it needs. */
class HostVersionIT {
    @TempDir
    Path tmp;

    @Test
    void aPluginRequiringANewerHostIsNotStartedAndSaysWhichVersionItNeeds() throws Exception {
        Path future = withDescriptor(TestPlugins.sample(), tmp.resolve("future.jar"), "future", ">=99.0.0 & <100.0.0");
        Path ranged = withDescriptor(TestPlugins.sample(), tmp.resolve("ranged.jar"), "ranged", ">=0.1.0 & <99.0.0");
        try (RegistryExtension registry = RegistryExtension.builder().plugin(future).plugin(ranged)
                .enable("future", "ranged").start()) {
            String plugins = registry.admin().get("/api/plugins").body();
            assertThat(plugins).contains("\"id\":\"future\"", "requires registry >=99.0.0 & <100.0.0 (plugin.requires);"
                    + " this registry is " + Assets.version());
            assertThat(registry.admin().get("/api/plugins/future").body()).contains("\"state\":\"failed\"");
            assertThat(registry.browser().get("/settings").body())
                    .contains("requires registry &gt;=99.0.0 &amp; &lt;100.0.0 (plugin.requires)");
            // a range the host is in: the jar loads and starts (its routes are the sample's, outside its namespace)
            assertThat(registry.admin().get("/api/plugins/ranged").body()).doesNotContain("requires registry");
        }
    }

    /** A copy of {@code jar} whose descriptor declares another id and host range. */
    private static Path withDescriptor(Path jar, Path copy, String id, String requires) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             OutputStream file = Files.newOutputStream(copy);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("plugin.properties")) {
                    out.write(descriptor(in, id, requires));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return copy;
    }

    private static byte[] descriptor(InputStream original, String id, String requires) throws Exception {
        Properties properties = new Properties();
        properties.load(original);
        properties.setProperty("plugin.id", id);
        properties.setProperty("plugin.requires", requires);
        java.io.StringWriter text = new java.io.StringWriter();
        properties.store(text, null);
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
