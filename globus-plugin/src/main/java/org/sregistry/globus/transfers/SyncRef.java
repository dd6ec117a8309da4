package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The scheduled sync rule a Send was made for, kept on its record so that a resend after a crash asks Globus for the
 * same {@code sync_level} and the rule learns the outcome when the record closes.
 * <pre>{"rule":"r-7c1e…","sync_level":3}</pre>
 *
 * @param rule      the rule's id
 * @param syncLevel Globus's {@code sync_level} of the task (3: files already there with the same checksum are skipped)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncRef(@JsonProperty("rule") String rule, @JsonProperty("sync_level") int syncLevel) {
}
