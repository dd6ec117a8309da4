package org.sregistry.globus.client;

/**
 * Options of {@code ls}: {@code path} (null = default directory), {@code show_hidden} (null = Globus default, on),
 * {@code orderby} (e.g. {@code type,name}), {@code filter} (e.g. {@code name:~*.sif}), {@code local_user}.
 */
public record LsOptions(String path, Boolean showHidden, String orderBy, String filter, String localUser) {

    /** The default directory with Globus defaults. */
    public static LsOptions defaults() {
        return new LsOptions(null, null, null, null, null);
    }

    /** A path with Globus defaults. */
    public static LsOptions path(String path) {
        return new LsOptions(path, null, null, null, null);
    }

    public LsOptions withShowHidden(boolean show) {
        return new LsOptions(path, show, orderBy, filter, localUser);
    }

    public LsOptions withOrderBy(String order) {
        return new LsOptions(path, showHidden, order, filter, localUser);
    }

    public LsOptions withFilter(String f) {
        return new LsOptions(path, showHidden, orderBy, f, localUser);
    }

    public LsOptions withLocalUser(String user) {
        return new LsOptions(path, showHidden, orderBy, filter, user);
    }

    QueryString toQuery() {
        return new QueryString()
                .put("path", path)
                .put("show_hidden", showHidden == null ? null : (showHidden ? "1" : "0"))
                .put("orderby", orderBy)
                .put("filter", filter)
                .put("local_user", localUser);
    }
}
