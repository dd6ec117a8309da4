package org.sregistry.globussim.store;

/** A Globus identity known to the simulator. Mutable fields are persisted as they are. */
public final class Identity {
    public String id;
    public String username;
    public String name;
    public String email;
    public String organization;

    public Identity() {}

    public Identity(String id, String username) {
        this.id = id;
        this.username = username;
        this.email = username.contains("@") ? username : username + "@example.org";
        this.name = displayNameOf(username);
        this.organization = "Example Organization";
    }

    private static String displayNameOf(String username) {
        String local = username.contains("@") ? username.substring(0, username.indexOf('@')) : username;
        return local.isEmpty() ? username : Character.toUpperCase(local.charAt(0)) + local.substring(1);
    }

    public String id() { return id; }
    public String username() { return username; }
}
