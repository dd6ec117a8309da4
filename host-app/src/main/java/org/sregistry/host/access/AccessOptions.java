package org.sregistry.host.access;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sregistry.api.ConfigOption;

/** The settings of the permission model (shown under "Registry" on {@code /settings}, read on every decision). */
public final class AccessOptions {
    /** Anonymous callers may pull from public collections (pages, REST, /v2/, library://). */
    public static final String ANONYMOUS_PULL = "REGISTRY_ANONYMOUS_PULL";
    /** Who creates a collection by pushing to a new name: {@code users} or {@code admins}. */
    public static final String COLLECTION_CREATE = "REGISTRY_COLLECTION_CREATE";
    /** What a new collection starts as: {@code private} or {@code public}. */
    public static final String DEFAULT_VISIBILITY = "REGISTRY_DEFAULT_VISIBILITY";

    private AccessOptions() {
    }

    /** The options. */
    public static List<ConfigOption> all() {
        return List.of(
                ConfigOption.builder(ANONYMOUS_PULL, ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Let callers who are not signed in see and pull public collections (pages, REST"
                                + " API, /v2/ with anonymous tokens, library://). Pushing always needs an account.")
                        .build(),
                ConfigOption.builder(COLLECTION_CREATE, ConfigOption.Type.STRING).defaultValue("users")
                        .description("Who may create a collection by pushing to a new name: users (any signed-in"
                                + " user, who becomes its owner) or admins (registry administrators only).")
                        .validator(v -> v.trim().equals("users") || v.trim().equals("admins") ? Optional.empty()
                                : Optional.of("expected users or admins"))
                        .build(),
                ConfigOption.builder(DEFAULT_VISIBILITY, ConfigOption.Type.STRING).defaultValue("private")
                        .description("What a new collection starts as: private (its owner, members and administrators"
                                + " only) or public (every signed-in user may pull). The owner changes it later.")
                        .validator(v -> Visibility.parse(v.trim()).isPresent() ? Optional.empty()
                                : Optional.of("expected private or public"))
                        .build());
    }

    /** The policy as the configuration says now (an invalid value counts as its default). */
    public static AccessPolicy policy(Function<String, Optional<String>> config) {
        boolean anonymous = config.apply(ANONYMOUS_PULL)
                .map(org.sregistry.host.config.OptionTypes::parseBoolean).orElse(false);
        boolean users = !config.apply(COLLECTION_CREATE).map(String::trim).orElse("users").equals("admins");
        Visibility visibility = config.apply(DEFAULT_VISIBILITY).flatMap(v -> Visibility.parse(v.trim()))
                .orElse(Visibility.PRIVATE);
        return new AccessPolicy(anonymous, users, visibility);
    }
}
