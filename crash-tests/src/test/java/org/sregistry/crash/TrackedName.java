package org.sregistry.crash;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the harness knows about one image name it writes: the state its last <em>acknowledged</em> write left
 * (content digest, or absent), the write in flight when the process was killed (if any), and every content the name
 * ever had, so that a name found holding an older content can be told from one holding bytes nobody wrote.
 *
 * <p>Only one thread writes a name during a cycle (its owner), and the checks run after every writer stopped.
 */
final class TrackedName {
    /** A write sent but not answered: {@code digest} is what it would leave, null for a delete. */
    record Pending(String digest, boolean delete) {
    }

    /** What a check says about the acknowledged (or the unanswered) write. */
    enum Verdict {
        /** The acknowledged state. */
        OK,
        /** An unacknowledged write, applied wholly. */
        UNACKED_APPLIED,
        /** An unacknowledged write, not applied at all. */
        UNACKED_ABSENT,
        /** An unacknowledged write whose name now points at unreadable bytes (reported as half-written). */
        UNACKED_HALF,
        /** An acknowledged upload or replace is gone: name absent, back to older bytes, or its bytes unreadable. */
        LOST_WRITE,
        /** An acknowledged delete was undone. */
        LOST_DELETE
    }

    /**
     * @param verdict     the acknowledged write's fate
     * @param halfWritten the name points at bytes that do not match its version, or that nobody wrote to it
     */
    record Finding(Verdict verdict, boolean halfWritten) {
    }

    final String uri;
    /** The content the last acknowledged write left; null = absent. */
    private String digest;
    private boolean lastAckedWasDelete;
    private Pending pending;
    /** Written this cycle: checked by downloading it. */
    private boolean touched;
    /** The version a download found not matching its bytes: reported once, until the name changes. */
    private String broken;
    private final Set<String> history = new HashSet<>();

    TrackedName(String uri) {
        this.uri = uri;
    }

    String digest() {
        return digest;
    }

    boolean present() {
        return digest != null;
    }

    boolean needsDownload() {
        return touched || pending != null;
    }

    boolean idle() {
        return pending == null;
    }

    /** Before sending a write. */
    void sending(String newDigest, boolean delete) {
        pending = new Pending(newDigest, delete);
        touched = true;
    }

    /** A 2xx arrived for the pending write. */
    void acknowledged() {
        digest = pending.digest();
        lastAckedWasDelete = pending.delete();
        if (digest != null) {
            history.add(digest);
        }
        pending = null;
    }

    /** A definite refusal (4xx): the write did not happen. */
    void refused() {
        pending = null;
    }

    /**
     * Compares what a restarted server shows with what was acknowledged, then adopts what it shows as the new known
     * state, so that one incident is counted once.
     *
     * @param observed the name's version now, or null when absent
     * @param intact   whether its download matched the version; null when it was not downloaded
     */
    Finding check(String observed, Boolean intact) {
        Finding finding;
        if (observed != null && observed.equals(broken) && !Boolean.TRUE.equals(intact)) {
            finding = new Finding(Verdict.OK, false); // reported when it was found
        } else {
            finding = classify(observed, !Boolean.FALSE.equals(intact));
            broken = Boolean.FALSE.equals(intact) ? observed : null;
        }
        if (finding.verdict() == Verdict.UNACKED_APPLIED) {
            lastAckedWasDelete = pending.delete();
        }
        digest = observed;
        if (observed != null && !Boolean.FALSE.equals(intact)) {
            history.add(observed);
        }
        pending = null;
        touched = false;
        return finding;
    }

    private Finding classify(String observed, boolean readable) {
        boolean matchesAcked = Objects.equals(observed, digest);
        boolean matchesPending = pending != null && Objects.equals(observed, pending.digest());
        boolean half = observed != null && (!readable || !history.contains(observed) && !matchesPending);
        Verdict verdict;
        if (matchesAcked) {
            verdict = observed != null && !readable ? Verdict.LOST_WRITE
                    : pending == null ? Verdict.OK : Verdict.UNACKED_ABSENT;
        } else if (matchesPending) {
            verdict = readable ? Verdict.UNACKED_APPLIED : Verdict.UNACKED_HALF;
        } else if (digest != null) {
            verdict = Verdict.LOST_WRITE;
        } else if (observed != null && lastAckedWasDelete) {
            verdict = Verdict.LOST_DELETE;
        } else {
            verdict = pending == null ? Verdict.OK : Verdict.UNACKED_HALF; // bytes nobody wrote: half-written
        }
        return new Finding(verdict, half);
    }
}
