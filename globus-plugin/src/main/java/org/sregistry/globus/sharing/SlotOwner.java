package org.sregistry.globus.sharing;

/**
 * Who holds a share slot ({@link ShareSlots}): {@code <identity id>/<sid>}, so a person's slots can be counted and a
 * slot traced back to its transfer.
 */
public final class SlotOwner {
    private SlotOwner() {
    }

    /** The owner value for {@code identityId}'s transfer {@code submissionId}. */
    static String of(String identityId, String submissionId) {
        return identityId + "/" + submissionId;
    }

    /** True when the slot's owner is one of {@code identityId}'s transfers. */
    static boolean isOf(String owner, String identityId) {
        return owner.startsWith(identityId + "/");
    }

    /** The transfer part of an owner (an owner without identity is the sid itself). */
    public static String sidOf(String owner) {
        int slash = owner.indexOf('/');
        return slash < 0 ? owner : owner.substring(slash + 1);
    }
}
