package org.sregistry.registry.images;

/**
 * What an add transaction did.
 *
 * @param row            the image row now under the name (null when already done and since removed)
 * @param replacedDigest the blob the name pointed at before, to collect after commit; or null
 * @param alreadyDone    true when the once-key had been used
 * @param onceRow        for already-done adds: what the first add recorded
 * @param created        true when the name did not exist before this transaction
 */
record AddOutcome(ImageRow row, String replacedDigest, boolean alreadyDone, OnceRow onceRow, boolean created) {
}
