package org.sregistry.crash;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the harness knows about one OCI tag it pushes ({@code repo:tag}): the manifest its last <em>acknowledged</em>
 * write left (a push answered 201, or absent after a delete answered 202), the write in flight when the process was
 * killed, and every manifest ever sent to it, so that an older manifest can be told from one nobody pushed there.
 *
 * <p>Only the OCI worker writes tags, one write at a time, and the checks run after it stopped.
 */
final class OciTag {
    /** A blob a manifest names: its digest and size (the bytes themselves are not kept). */
    record Blob(String digest, long size) {
    }

    /**
     * One push's content: the manifest's exact bytes and every blob it names (config first).
     *
     * @param sifLayer the SIF layer's digest when this is a SIF push (the registry image's version), else null
     */
    record Push(String manifestDigest, byte[] manifest, List<Blob> blobs, String sifLayer) {
    }

    /** A write sent but not answered: a push, or a delete ({@code push == null}). */
    record Pending(Push push) {
        boolean delete() {
            return push == null;
        }
    }

    /** What a check says about the tag's acknowledged (or unanswered) write. */
    enum Verdict {
        /** The acknowledged state. */
        OK,
        /** An unacknowledged write, applied wholly. */
        UNACKED_APPLIED,
        /** An unacknowledged write, not applied at all. */
        UNACKED_ABSENT,
        /** An acknowledged push is gone: absent, another manifest, or its manifest or a blob unreadable. */
        LOST_PUSH,
        /** An acknowledged delete was undone. */
        LOST_DELETE,
        /** A manifest nobody pushed to this tag, or an unacknowledged push left incomplete. */
        FOREIGN
    }

    final String repo;
    final String tag;
    /** The repository is a registry image namespace ({@code collection/name}) and this tag takes SIF pushes. */
    final boolean sif;
    private Push acked;
    private boolean lastAckedWasDelete;
    private Pending pending;
    private boolean touched;
    /** The manifest digest a check found broken: reported once, until the tag changes. */
    private String broken;
    private final Map<String, Push> sent = new ConcurrentHashMap<>();

    OciTag(String repo, String tag, boolean sif) {
        this.repo = repo;
        this.tag = tag;
        this.sif = sif;
    }

    String ref() {
        return repo + ":" + tag;
    }

    /** The REST name of the registry image a SIF push here becomes. */
    String imageName() {
        return repo + ":" + tag;
    }

    Push acked() {
        return acked;
    }

    boolean present() {
        return acked != null;
    }

    boolean idle() {
        return pending == null;
    }

    Pending pending() {
        return pending;
    }

    /** Written since the last check: its blobs are downloaded, not only looked at. */
    boolean needsDownload() {
        return touched || pending != null;
    }

    /** Whether a manifest PUT or DELETE was ever sent for it (else a push cut before its manifest: nothing to see). */
    boolean everWritten() {
        return !sent.isEmpty() || lastAckedWasDelete || pending != null;
    }

    /** A manifest ever sent to this tag, by digest. */
    Push sent(String manifestDigest) {
        return manifestDigest == null ? null : sent.get(manifestDigest);
    }

    /** Before sending the manifest PUT (null: the DELETE). */
    void sending(Push push) {
        pending = new Pending(push);
        touched = true;
        if (push != null) {
            sent.put(push.manifestDigest(), push);
        }
    }

    /** The 201 (push) or 202 (delete) arrived. */
    void acknowledged() {
        acked = pending.push();
        lastAckedWasDelete = pending.delete();
        pending = null;
    }

    /** A definite refusal (4xx): the write did not happen. */
    void refused() {
        pending = null;
    }

    /**
     * Compares what a restarted server shows with what was acknowledged, then adopts it as the known state.
     *
     * @param observed the manifest digest the tag resolves to now, or null when absent
     * @param intact   whether that manifest and every blob it names are served whole (true when absent)
     * @return the verdict and whether the tag points at something broken (reported as half-written)
     */
    Finding check(String observed, boolean intact) {
        Finding finding;
        if (observed != null && observed.equals(broken) && !intact) {
            finding = new Finding(Verdict.OK, false); // reported when it was found
        } else {
            finding = classify(observed, intact);
            broken = intact ? null : observed;
        }
        if (finding.verdict() == Verdict.UNACKED_APPLIED) {
            lastAckedWasDelete = pending.delete();
        }
        // a manifest nobody pushed here is reported now and known from then on (its blobs read from its bytes)
        acked = observed == null ? null : sent.computeIfAbsent(observed, d -> new Push(d, null, List.of(), null));
        pending = null;
        touched = false;
        return finding;
    }

    /** @param halfWritten the tag resolves to a manifest that is not served whole, or that nobody pushed to it */
    record Finding(Verdict verdict, boolean halfWritten) {
    }

    private Finding classify(String observed, boolean intact) {
        String ackedDigest = acked == null ? null : acked.manifestDigest();
        boolean matchesAcked = Objects.equals(observed, ackedDigest);
        boolean matchesPending = pending != null && Objects.equals(observed,
                pending.delete() ? null : pending.push().manifestDigest());
        boolean half = observed != null && (!intact || !sent.containsKey(observed));
        Verdict verdict;
        if (matchesAcked) {
            verdict = observed != null && !intact ? Verdict.LOST_PUSH
                    : pending == null ? Verdict.OK : Verdict.UNACKED_ABSENT;
        } else if (matchesPending) {
            verdict = intact ? Verdict.UNACKED_APPLIED : Verdict.FOREIGN;
        } else if (ackedDigest != null) {
            verdict = Verdict.LOST_PUSH;
        } else if (observed != null && lastAckedWasDelete) {
            verdict = Verdict.LOST_DELETE;
        } else {
            verdict = pending == null && observed == null ? Verdict.OK : Verdict.FOREIGN;
        }
        return new Finding(verdict, half);
    }
}
