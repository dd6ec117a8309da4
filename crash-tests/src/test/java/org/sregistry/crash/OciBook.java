package org.sregistry.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the harness pushed over {@code /v2/}, across cycles: the tags (one writer, the OCI worker), every
 * digest sent and to which repositories, the upload sessions it opened and finished, and the chunked upload a kill
 * interrupted (resumed by the next cycle's worker, as a client that retries would).
 */
final class OciBook {
    /** SIF pushes: a registry image namespace, so each tag is also the registry image {@code oci/sif:<tag>}. */
    static final String SIF_REPO = "oci/sif";
    /** Plain OCI content: three parts, so no registry image. */
    static final String PLAIN_REPO = "crash/oci/blobs";
    static final List<String> REPOS = List.of(SIF_REPO, PLAIN_REPO);

    /**
     * An upload session the harness opened (its POST answered 202) and has not finished (no 201 to its PUT yet):
     * how many bytes its PATCHes acknowledged, whether the finishing PUT was sent, and whether a kill cut one of its
     * requests (then the next check asks the restarted server what it kept).
     */
    static final class Session {
        final String id;
        final OciTag tag;
        final OciPlan plan;
        final int blob;
        final boolean chunked;
        volatile String location;
        volatile long ackedBytes;
        volatile boolean finishing;
        /** A kill cut one of its requests and no check judged it since. */
        volatile boolean cut;
        /** A check found it gone (a cut finishing PUT may end a session). */
        volatile boolean gone;

        Session(String id, OciTag tag, OciPlan plan, int blob, boolean chunked, String location) {
            this.id = id;
            this.tag = tag;
            this.plan = plan;
            this.blob = blob;
            this.chunked = chunked;
            this.location = location;
        }

        long size() {
            return plan.blobs().get(blob).length;
        }
    }

    private final List<OciTag> tags = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> sentTo = new ConcurrentHashMap<>();
    /** Manifests without a SIF layer: once stored, the registry keeps them by digest (a tag delete drops the tag). */
    private final Set<String> plainManifests = ConcurrentHashMap.newKeySet();
    private final Set<String> reachable = ConcurrentHashMap.newKeySet();
    /** Sessions whose POST answered 202 and whose PUT did not answer 201 (yet), by id. */
    final Map<String, Session> open = new ConcurrentHashMap<>();
    /** Sessions whose finishing PUT answered 201: their file must be gone. */
    final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Session files already classified as a live session nobody finished (resumable, kept). */
    final Set<String> abandoned = ConcurrentHashMap.newKeySet();
    /** Requests that create or commit something (session POST, blob PUT, monolithic POST, manifest PUT, DELETE). */
    final AtomicLong commits = new AtomicLong();
    /** The chunked upload a kill cut: the next cycle's worker goes on with it. */
    volatile Session interrupted;

    List<OciTag> tags() {
        return tags;
    }

    void add(OciTag tag) {
        tags.add(tag);
    }

    /** Before a blob or manifest is sent to {@code repo}. */
    void sending(String repo, String digest) {
        sentTo.computeIfAbsent(digest, d -> ConcurrentHashMap.newKeySet()).add(repo);
    }

    void plainManifest(String digest) {
        plainManifests.add(digest);
    }

    /** The repositories {@code digest} was sent to (empty: the harness never sent it over /v2/). */
    Set<String> sentTo(String digest) {
        return sentTo.getOrDefault(digest, Set.of());
    }

    /** Blobs and plain manifests stay reachable once seen so (the workload deletes tags, never blobs). */
    boolean knownReachable(String digest) {
        return reachable.contains(digest);
    }

    void reachable(String digest, boolean asManifest) {
        if (!asManifest || plainManifests.contains(digest)) {
            reachable.add(digest);
        }
    }

    /** Names of registry images the OCI workload may have made ({@code oci/sif:<tag>}). */
    Set<String> imageNames() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        tags.stream().filter(t -> t.sif).forEach(t -> names.add(t.imageName()));
        return names;
    }

    List<OciTag> live() {
        List<OciTag> live = new ArrayList<>();
        for (OciTag t : tags) {
            if (t.present() && t.idle()) {
                live.add(t);
            }
        }
        return live;
    }
}
