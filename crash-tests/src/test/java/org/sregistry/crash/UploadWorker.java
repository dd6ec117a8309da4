package org.sregistry.crash;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.sregistry.crash.Figures.Count;

/**
 * Uploads new names, replaces and deletes the names it owns (each name has one writer, so its expected state is
 * well defined), one write at a time, until the cycle is over or its budget is used. A write stays pending until its
 * 2xx answer is read; without an answer (the kill) it stays pending and the worker stops.
 */
final class UploadWorker {
    /** Above this many live names a worker mostly deletes, so the store stays small however long the run. */
    private static final int LIVE_CAP = 25;
    private static final int MAX_UPLOAD = 2 << 20;

    private final CycleContext ctx;
    private final int worker;
    private final List<TrackedName> mine;
    private final Contents contents;
    private final Random rng;

    UploadWorker(CycleContext ctx, int worker, List<TrackedName> mine, Contents contents, Random rng) {
        this.ctx = ctx;
        this.worker = worker;
        this.mine = mine;
        this.contents = contents;
        this.rng = rng;
    }

    /** @param budget writes to make, -1 for "until killed" */
    void run(int budget) throws IOException, InterruptedException {
        for (int op = 0; !ctx.over() && (budget < 0 || op < budget); op++) {
            if (!write(op)) {
                return;
            }
            Thread.sleep(rng.nextInt(30));
        }
    }

    /** One write; false when the worker must stop (no answer, or an undecided 5xx). */
    private boolean write(int op) throws IOException {
        List<TrackedName> live = mine.stream().filter(t -> t.present() && t.idle()).toList();
        int r = rng.nextInt(100);
        boolean crowded = live.size() > LIVE_CAP;
        TrackedName target;
        byte[] content = null;
        Count ack;
        if (live.size() < 2 || r < (crowded ? 20 : 50)) {
            target = new TrackedName("crash/w" + worker + "-c" + ctx.cycle() + "-" + op + ":v1");
            mine.add(target);
            content = contents.next(rng, MAX_UPLOAD);
            ack = Count.ACK_UPLOADS;
        } else if (r < (crowded ? 40 : 75)) {
            target = live.get(rng.nextInt(live.size()));
            content = contents.next(rng, MAX_UPLOAD);
            ack = Count.ACK_REPLACES;
        } else {
            target = live.get(rng.nextInt(live.size()));
            ack = Count.ACK_DELETES;
        }
        target.sending(content == null ? null : Digests.of(content), content == null);
        RegistryApi.Answer answer;
        try {
            answer = content == null ? ctx.api().delete(target.uri) : ctx.api().upload(target.uri, content);
        } catch (IOException e) {
            return false; // no answer: the write stays pending, judged after the restart
        }
        if (answer.ok()) {
            target.acknowledged();
            ctx.figures().add(ack);
            return true;
        }
        ctx.note(target.uri + " answered " + answer.status() + ": " + answer.body());
        if (answer.status() >= 500) {
            ctx.figures().add(Count.SERVER_ERRORS); // undecided: stays pending
            return false;
        }
        target.refused();
        ctx.figures().add(Count.REFUSED);
        return true;
    }
}
