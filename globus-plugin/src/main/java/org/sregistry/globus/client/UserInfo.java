package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The {@code /v2/oauth2/userinfo} claims (which appear depends on the granted scopes; all nullable). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserInfo(String sub, String preferredUsername, String name, String email, String organization,
                       String identityProvider, String identityProviderDisplayName, Long lastAuthentication) {

    /** Best name to show: username, else name, else the identity id. */
    public String displayName() {
        if (preferredUsername != null) {
            return preferredUsername;
        }
        return name != null ? name : sub;
    }
}
