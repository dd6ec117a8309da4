package org.sregistry.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sregistry.crash.Figures.Count;

/**
 * Pushes and deletes over {@code /v2/}, one write at a time, until the cycle is over or its budget is used: SIF
 * pushes to {@value OciBook#SIF_REPO} as Apptainer sends them (one PATCH) and as the library client does (chunks
 * with Content-Range), plain OCI content to {@value OciBook#PLAIN_REPO}, replaces (a new manifest under a live
 * tag) and deletes by tag. A push is acknowledged once its manifest PUT answered 201, a delete once it answered 202.
 * A chunked upload a kill cut is resumed by the next cycle's worker from the offset the restarted server reports.
 */
final class OciWorker {
    /** Above this many live tags the worker mostly deletes: every pushed blob stays (no OCI garbage collection). */
    private static final int LIVE_CAP = 12;
    private static final Pattern RANGE = Pattern.compile("0-([0-9]+)");

    private final CycleContext ctx;
    private final OciBook book;
    private final Path scratch;
    private final Random rng;
    private OciApi oci;

    /** Why a push stopped: the process is gone (or answered 5xx), or the server refused a step. */
    private enum Step { DONE, REFUSED, CUT }

    OciWorker(CycleContext ctx, OciBook book, Path scratch, Random rng) {
        this.ctx = ctx;
        this.book = book;
        this.scratch = scratch;
        this.rng = rng;
    }

    /**
     * @param budget   writes to make, -1 for "until killed"
     * @param promptly start at once (a kill waits for this worker's requests)
     */
    void run(int budget, boolean promptly) throws IOException, InterruptedException {
        if (budget == 0) {
            return;
        }
        oci = ctx.api().oci();
        Thread.sleep(promptly ? rng.nextInt(20) : rng.nextInt(150));
        int op = 0;
        if (book.interrupted != null) {
            if (resume() == Step.CUT) {
                return;
            }
            op++;
        }
        for (; !ctx.over() && (budget < 0 || op < budget); op++) {
            if (!write(op)) {
                return;
            }
            Thread.sleep(rng.nextInt(30));
        }
    }

    /** One write; false when the worker must stop (no answer, or a 5xx). */
    private boolean write(int op) throws IOException {
        List<OciTag> live = book.live();
        int r = rng.nextInt(100);
        boolean crowded = live.size() > LIVE_CAP;
        if (live.size() < 2 || r < (crowded ? 15 : 45)) {
            boolean sif = rng.nextInt(100) < 70;
            OciTag tag = new OciTag(sif ? OciBook.SIF_REPO : OciBook.PLAIN_REPO, "c" + ctx.cycle() + "-" + op, sif);
            book.add(tag);
            return push(tag, plan(tag, op)) != Step.CUT;
        }
        OciTag target = live.get(rng.nextInt(live.size()));
        if (r < (crowded ? 35 : 70)) {
            return push(target, plan(target, op)) != Step.CUT;
        }
        return delete(target);
    }

    private OciPlan plan(OciTag tag, int op) throws IOException {
        if (!tag.sif) {
            return OciPlan.plain(rng, ctx.cycle(), op);
        }
        return OciPlan.sif(rng, scratch, tag.tag, rng.nextBoolean() ? OciPlan.Style.SINGLE_PATCH : OciPlan.Style.CHUNKED);
    }

    private Step push(OciTag tag, OciPlan plan) throws IOException {
        for (int i = 0; i < plan.blobs().size(); i++) {
            Step s = upload(tag, plan, i);
            if (s != Step.DONE) {
                return s;
            }
        }
        return putManifest(tag, plan);
    }

    private Step putManifest(OciTag tag, OciPlan plan) throws IOException {
        OciTag.Push push = plan.push();
        book.sending(tag.repo, push.manifestDigest());
        if (push.sifLayer() == null) {
            book.plainManifest(push.manifestDigest());
        }
        tag.sending(push);
        book.commits.incrementAndGet();
        OciApi.Answer a;
        try {
            a = oci.putManifest(tag.repo, tag.tag, push.manifest());
        } catch (IOException e) {
            return Step.CUT; // no answer: the push stays pending, judged after the restart
        }
        if (a.status() == 201) {
            if (!push.manifestDigest().equals(a.contentDigest())) {
                ctx.note("manifest PUT " + tag.ref() + " answered digest " + a.contentDigest() + ", pushed "
                        + push.manifestDigest());
            }
            tag.acknowledged();
            ctx.figures().add(Count.ACK_OCI_PUSHES);
            return Step.DONE;
        }
        return answered("manifest PUT " + tag.ref(), a, tag);
    }

    private boolean delete(OciTag tag) throws IOException {
        tag.sending(null);
        book.commits.incrementAndGet();
        OciApi.Answer a;
        try {
            a = oci.deleteManifest(tag.repo, tag.tag);
        } catch (IOException e) {
            return false;
        }
        if (a.status() == 202) {
            tag.acknowledged();
            ctx.figures().add(Count.ACK_OCI_DELETES);
            return true;
        }
        return answered("DELETE " + tag.ref(), a, tag) != Step.CUT;
    }

    /** Uploads blob {@code i} of the plan the way its style says. */
    private Step upload(OciTag tag, OciPlan plan, int i) throws IOException {
        byte[] bytes = plan.blobs().get(i);
        String digest = plan.push().blobs().get(i).digest();
        book.sending(tag.repo, digest);
        OciPlan.Style style = plan.styles().get(i);
        String what = "blob " + NameChecks.shortly(digest) + " (" + bytes.length + " bytes, " + style + ") to " + tag.repo;
        OciApi.Answer a;
        if (style == OciPlan.Style.MONOLITHIC) {
            book.commits.incrementAndGet();
            try {
                a = oci.monolithic(tag.repo, digest, bytes);
            } catch (IOException e) {
                return Step.CUT;
            }
            return a.status() == 201 ? Step.DONE : answered(what, a, null);
        }
        book.commits.incrementAndGet();
        try {
            a = oci.startUpload(tag.repo);
        } catch (IOException e) {
            return Step.CUT;
        }
        if (a.status() != 202 || a.location() == null) {
            return answered("POST uploads/ for " + what, a, null);
        }
        OciBook.Session session = new OciBook.Session(sessionId(a.location()), tag, plan, i,
                style == OciPlan.Style.CHUNKED, a.location());
        book.open.put(session.id, session);
        return send(session, 0, what);
    }

    /** PATCHes the blob's bytes from {@code from} (one PATCH, or chunks), then the finishing PUT. */
    private Step send(OciBook.Session session, int from, String what) throws IOException {
        byte[] bytes = session.plan.blobs().get(session.blob);
        int sent = from;
        OciApi.Answer a;
        while (sent < bytes.length) {
            int to = session.chunked ? Math.min(bytes.length, sent + OciPlan.CHUNK) : bytes.length;
            try {
                a = oci.patch(session.location, bytes, sent, to, session.chunked);
            } catch (IOException e) {
                return cut(session);
            }
            if (a.status() != 202) {
                return refusedSession(session, "PATCH " + sent + "-" + (to - 1) + " of " + what, a);
            }
            String expected = "0-" + (to - 1);
            if (!expected.equals(a.range())) {
                ctx.note("PATCH " + sent + "-" + (to - 1) + " of " + what + " answered Range " + a.range());
            }
            if (a.location() != null) {
                session.location = a.location();
            }
            sent = to;
            session.ackedBytes = to;
            ctx.figures().add(Count.ACK_OCI_CHUNKS);
        }
        String digest = session.plan.push().blobs().get(session.blob).digest();
        session.finishing = true;
        book.commits.incrementAndGet();
        try {
            a = oci.finish(session.location, digest);
        } catch (IOException e) {
            return cut(session);
        }
        if (a.status() != 201) {
            return refusedSession(session, "PUT ?digest= of " + what, a);
        }
        book.open.remove(session.id);
        book.finished.add(session.id);
        return Step.DONE;
    }

    /** No answer: the session waits for the check after the restart; a chunked one is resumed afterwards. */
    private Step cut(OciBook.Session session) {
        session.cut = true;
        if (session.chunked) {
            book.interrupted = session;
        }
        return Step.CUT;
    }

    /** A refused step: the session stays open on the server (an abandoned session), the push ends. */
    private Step refusedSession(OciBook.Session session, String what, OciApi.Answer a) {
        Step s = answered(what, a, null);
        if (s == Step.CUT) {
            session.cut = true; // a 5xx: undecided, judged after the restart like a cut request
        }
        return s;
    }

    /**
     * Goes on with the chunked upload a kill cut: asks the session's offset, sends the rest from there, then the
     * remaining blobs and the manifest, as a client that retries would.
     */
    private Step resume() throws IOException {
        OciBook.Session it = book.interrupted;
        book.interrupted = null;
        OciTag tag = it.tag;
        if (!tag.idle()) {
            return Step.DONE; // the check did not run (cannot happen: checks always run first)
        }
        String what = "resumed blob " + NameChecks.shortly(it.plan.push().blobs().get(it.blob).digest())
                + " of " + tag.ref();
        OciApi.Answer a;
        try {
            a = oci.uploadStatus(tag.repo, it.id);
        } catch (IOException e) {
            book.interrupted = it;
            return Step.CUT;
        }
        Step s;
        if (a.status() == 204) {
            int from = offset(a.range(), it.ackedBytes);
            if (from > it.size()) {
                ctx.note(what + ": the session reports " + from + " bytes, more than the " + it.size() + " sent");
                return Step.REFUSED;
            }
            ctx.figures().add(Count.ACK_OCI_RESUMES);
            if (a.location() != null) {
                it.location = a.location();
            }
            it.finishing = false;
            s = send(it, from, what);
        } else if (a.status() == 404) {
            // ended by the cut PUT (its blob stored, or the session consumed): upload the blob again
            book.open.remove(it.id);
            s = upload(tag, it.plan, it.blob);
        } else {
            return answered("GET session of " + what, a, null);
        }
        if (s != Step.DONE) {
            return s;
        }
        for (int i = it.blob + 1; i < it.plan.blobs().size(); i++) {
            s = upload(tag, it.plan, i);
            if (s != Step.DONE) {
                return s;
            }
        }
        return putManifest(tag, it.plan);
    }

    /** The next byte to send, from a session's {@code Range: 0-<last>} ("0-0" for 0 or 1 byte). */
    private static int offset(String range, long acked) {
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m == null || !m.matches()) {
            return (int) acked;
        }
        long last = Long.parseLong(m.group(1));
        return last == 0 && acked == 0 ? 0 : (int) (last + 1);
    }

    private static String sessionId(String location) {
        String path = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A non-2xx answer: noted; a 5xx leaves the write undecided and stops the worker, a 4xx is a refusal. */
    private Step answered(String what, OciApi.Answer a, OciTag pendingTag) {
        String body = a.body() == null ? "" : new String(a.body(), java.nio.charset.StandardCharsets.UTF_8);
        ctx.note(what + " answered " + a.status() + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
        if (a.status() >= 500) {
            ctx.figures().add(Count.SERVER_ERRORS);
            return Step.CUT;
        }
        if (pendingTag != null) {
            pendingTag.refused();
        }
        ctx.figures().add(Count.REFUSED);
        return Step.REFUSED;
    }
}
