package org.sregistry.globus.connection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whose own Globus connection a transfer was submitted with, so it is followed, canceled and retried with the same
 * identity. Absent on a record means the registry's service connection.
 * <pre>{"user":"alice","identity_id":"658064e9-…"}</pre>
 *
 * @param user       the registry user
 * @param identityId their Globus identity when submitted (the principal of the transfer's access rule)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionRef(@JsonProperty("user") String user, @JsonProperty("identity_id") String identityId) {
}
