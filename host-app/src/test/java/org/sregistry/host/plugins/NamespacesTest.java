package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sregistry.host.auth.AdminPaths;

class NamespacesTest {
    @Test
    void userPathsMustBePlainPathsInsideThePluginsNamespaces() {
        Namespaces.checkUserPath("globus", "/globus");
        Namespaces.checkUserPath("globus", "/globus/e/");
        Namespaces.checkUserPath("globus", "/api/globus/tasks");
        for (String bad : new String[] {"/globusx", "/api/globusx/me", "/api/users", "/settings"}) {
            assertThatThrownBy(() -> Namespaces.checkUserPath("globus", bad)).hasMessageContaining("outside /globus");
        }
        for (String bad : new String[] {"globus/tasks", "/globus/../settings", "/globus//x", "/globus/t?x=1",
                "/globus/%2e%2e", "/globus/*", "", " /globus", "/"}) {
            assertThatThrownBy(() -> Namespaces.checkUserPath("globus", bad)).hasMessageContaining("not a plain path");
        }
        assertThatThrownBy(() -> Namespaces.checkUserPath("globus", null)).hasMessageContaining("null");
    }

    @Test
    void anEntryOpensItselfAndBelowAndARootOnlyItself() {
        assertThat(Namespaces.opens("globus", "/globus/tasks", "/globus/tasks")).isTrue();
        assertThat(Namespaces.opens("globus", "/globus/tasks", "/globus/tasks/123")).isTrue();
        assertThat(Namespaces.opens("globus", "/globus/tasks", "/globus/tasksx")).isFalse();
        assertThat(Namespaces.opens("globus", "/globus/e/", "/globus/e/abc")).isTrue();
        assertThat(Namespaces.opens("globus", "/globus", "/globus")).isTrue();
        assertThat(Namespaces.opens("globus", "/globus", "/globus/service/code")).isFalse();
        assertThat(Namespaces.opens("globus", "/api/globus", "/api/globus/connections")).isFalse();
    }

    @Test
    void adminPathsOpenOnlyDeclaredPluginPaths() {
        AdminPaths paths = new AdminPaths(p -> p.startsWith("/globus"), p -> p.startsWith("/globus/tasks"));
        assertThat(paths.adminOnly("/globus/tasks/1")).isFalse();
        assertThat(paths.adminOnly("/globus/service")).isTrue();
        assertThat(paths.adminOnly("/settings")).isTrue();
        assertThat(paths.adminOnly("/collections")).isFalse();
        assertThat(new AdminPaths(p -> p.startsWith("/globus"), p -> false).adminOnly("/globus/tasks")).isTrue();
    }
}
