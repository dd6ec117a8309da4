package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sregistry.crash.Figures.Count;

/**
 * After a restart, the OCI side: every tag against its last acknowledged write (the manifest's exact bytes under the
 * same Docker-Content-Digest, every blob it names served whole, a SIF push also a registry image whose version is
 * its layer), an unacknowledged write wholly there or absent, every upload session a kill cut still holding every
 * byte its PATCHes acknowledged, and {@code <data-dir>/images/uploads/} holding no file of a finished session and none without
 * a session.
 */
final class OciChecks {
    private static final Pattern RANGE = Pattern.compile("0-([0-9]+)");

    private final OciBook book;
    private final Figures figures;
    private final Path uploadsDir;

    OciChecks(OciBook book, Path dataDir, Figures figures) {
        this.book = book;
        this.figures = figures;
        this.uploadsDir = dataDir.resolve("images").resolve("uploads");
    }

    /** @param everything download every blob of every present tag, not only those written since the last check */
    void check(RegistryApi api, Images images, int cycle, boolean everything) throws IOException {
        OciApi oci = api.oci();
        for (OciTag tag : book.tags()) {
            if (everything || tag.everWritten()) {
                checkTag(oci, tag, images, cycle, everything);
            }
        }
        checkCutSessions(oci, cycle);
        checkUploadsFolder(oci, cycle);
    }

    private void checkTag(OciApi oci, OciTag tag, Images images, int cycle, boolean everything) throws IOException {
        List<String> problems = new ArrayList<>();
        OciApi.Answer m = oci.manifest(tag.repo, tag.tag);
        String observed;
        if (m.status() == 404) {
            observed = null;
        } else if (m.status() == 200) {
            observed = m.contentDigest();
            if (observed == null) {
                observed = m.bodyDigest();
                problems.add("its manifest has no Docker-Content-Digest");
            } else if (!observed.equals(m.bodyDigest())) {
                problems.add("its manifest claims " + NameChecks.shortly(observed) + " but its bytes are "
                        + NameChecks.shortly(m.bodyDigest()) + " (" + m.bodyLength() + " bytes)");
            }
        } else {
            // unreadable: judged as the state the harness expects, broken
            observed = tag.present() ? tag.acked().manifestDigest()
                    : tag.pending() != null && !tag.pending().delete() ? tag.pending().push().manifestDigest() : "?";
            problems.add("its manifest GET answers " + m.status());
        }
        String ackedDigest = tag.present() ? tag.acked().manifestDigest() : null;
        boolean download = everything || tag.needsDownload() || !Objects.equals(observed, ackedDigest);
        OciTag.Push push = tag.sent(observed);
        if (observed != null && problems.isEmpty()) {
            List<OciTag.Blob> blobs = push != null && push.manifest() != null ? push.blobs() : blobsOf(m.body(), problems);
            for (OciTag.Blob b : blobs) {
                checkBlob(oci, tag.repo, b, download, problems);
            }
        }
        if (tag.sif) {
            JsonNode image = images.get(tag.imageName());
            String sifLayer = observed == null ? null : push != null && push.manifest() != null ? push.sifLayer()
                    : sifLayerOf(m.body());
            String version = image == null ? null : Images.versionOf(image);
            if (!Objects.equals(version, sifLayer)) {
                problems.add("the registry image " + tag.imageName() + " is " + (version == null ? "absent"
                        : NameChecks.shortly(version)) + " while the tag's SIF layer is " + NameChecks.shortly(sifLayer));
            }
        }
        boolean intact = problems.isEmpty();
        boolean wasPending = tag.pending() != null;
        OciTag.Finding finding = tag.check(observed, intact);
        String now = (observed == null ? "the tag is absent" : "the tag shows " + NameChecks.shortly(observed))
                + (intact ? "" : ": " + String.join("; ", problems));
        switch (finding.verdict()) {
            case OK -> { }
            case UNACKED_APPLIED -> {
                figures.add(Count.UNACK_OCI);
                figures.add(Count.UNACK_OCI_APPLIED);
            }
            case UNACKED_ABSENT -> {
                figures.add(Count.UNACK_OCI);
                figures.add(Count.UNACK_OCI_ABSENT);
            }
            case LOST_PUSH -> figures.incident(Count.LOST_OCI_PUSHES, cycle, tag.ref() + ": acknowledged manifest "
                    + NameChecks.shortly(ackedDigest) + " lost, " + now);
            case LOST_DELETE -> figures.incident(Count.LOST_OCI_DELETES, cycle, tag.ref()
                    + ": acknowledged delete undone, " + now);
            case FOREIGN -> {
                if (wasPending) {
                    figures.add(Count.UNACK_OCI);
                }
                figures.incidentOnce(Count.HALF_WRITTEN, tag.ref() + "@" + observed, cycle, tag.ref() + ": " + now
                        + (intact ? " (nobody pushed it there, or it came back after it was found absent)" : ""));
            }
        }
        if (finding.halfWritten()) {
            figures.incidentOnce(Count.HALF_WRITTEN, tag.ref() + "@" + observed, cycle, tag.ref() + ": " + now);
        }
    }

    /** A blob GET: the exact bytes ({@code download}), or a HEAD with the right length. */
    private static void checkBlob(OciApi oci, String repo, OciTag.Blob b, boolean download, List<String> problems)
            throws IOException {
        OciApi.Answer a = download ? oci.blob(repo, b.digest()) : oci.headBlob(repo, b.digest());
        if (a.status() != 200) {
            problems.add("its blob " + NameChecks.shortly(b.digest()) + " answers " + a.status());
        } else if (download && (!b.digest().equals(a.bodyDigest()) || a.bodyLength() != b.size())) {
            problems.add("its blob " + NameChecks.shortly(b.digest()) + " serves " + NameChecks.shortly(a.bodyDigest())
                    + " (" + a.bodyLength() + " bytes, " + b.size() + " expected)");
        } else if (!download && a.contentLength() != b.size()) {
            problems.add("its blob " + NameChecks.shortly(b.digest()) + " has " + a.contentLength() + " bytes, "
                    + b.size() + " expected");
        }
    }

    /** The config and layers a manifest nobody tracked names. */
    private static List<OciTag.Blob> blobsOf(byte[] manifest, List<String> problems) {
        List<OciTag.Blob> blobs = new ArrayList<>();
        try {
            JsonNode root = RegistryApi.JSON.readTree(manifest);
            if (root.has("config")) {
                blobs.add(new OciTag.Blob(root.path("config").path("digest").asText(), root.path("config").path("size").asLong()));
            }
            root.path("layers").forEach(l -> blobs.add(new OciTag.Blob(l.path("digest").asText(), l.path("size").asLong())));
        } catch (IOException e) {
            problems.add("its manifest is not JSON");
        }
        return blobs;
    }

    private static String sifLayerOf(byte[] manifest) {
        try {
            JsonNode layers = RegistryApi.JSON.readTree(manifest).path("layers");
            return layers.size() == 1 && OciPlan.SIF_LAYER.equals(layers.path(0).path("mediaType").asText())
                    ? layers.path(0).path("digest").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Every session a kill cut (or a 5xx left undecided): the restarted server must still know it with every byte
     * its PATCHes acknowledged; only a cut finishing PUT may have ended it (blob stored, or the session consumed).
     */
    private void checkCutSessions(OciApi oci, int cycle) throws IOException {
        for (OciBook.Session s : book.open.values()) {
            if (!s.cut) {
                continue;
            }
            s.cut = false;
            OciApi.Answer a = oci.uploadStatus(s.tag.repo, s.id);
            String what = "upload session " + s.id + " (" + s.tag.repo + ", blob of " + s.size() + " bytes, "
                    + s.ackedBytes + " acknowledged" + (s.finishing ? ", its finishing PUT cut" : "") + ")";
            if (a.status() == 404) {
                s.gone = true;
                if (!s.finishing) {
                    figures.incidentOnce(Count.LOST_OCI_UPLOADS, s.id + "@" + s.ackedBytes, cycle, what
                            + ": the restarted server does not know it");
                }
                continue;
            }
            Matcher m = a.status() == 204 && a.range() != null ? RANGE.matcher(a.range().trim()) : null;
            if (m == null || !m.matches()) {
                figures.incidentOnce(Count.LOST_OCI_UPLOADS, s.id + "@" + s.ackedBytes, cycle, what
                        + ": its status answers " + a.status() + " Range " + a.range());
                continue;
            }
            long last = Long.parseLong(m.group(1));
            long held = last + 1; // "0-0" is 0 or 1 byte
            boolean short_ = s.finishing ? held != s.size() && !(s.size() == 0 && last == 0)
                    : held < s.ackedBytes && !(s.ackedBytes == 0 && last == 0);
            if (short_) {
                figures.incidentOnce(Count.LOST_OCI_UPLOADS, s.id + "@" + s.ackedBytes, cycle, what
                        + ": the restarted server reports Range " + a.range()
                        + (s.finishing ? " (the finish did not happen, yet the session lost bytes)" : ""));
            } else if (held > s.size()) {
                figures.incidentOnce(Count.HALF_WRITTEN, s.id + "@range", cycle, what + ": the session reports Range "
                        + a.range() + ", more than was ever sent");
            }
        }
    }

    /**
     * Every file in {@code images/uploads/}: a finished session's file must be gone, and so must the file of a
     * session the server no longer knows; the others are sessions it still knows (resumable: there is no garbage
     * collection of abandoned sessions, so they are counted, not failed).
     */
    private void checkUploadsFolder(OciApi oci, int cycle) throws IOException {
        if (!Files.isDirectory(uploadsDir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(uploadsDir)) {
            dir.forEach(files::add);
        }
        OciBook.Session resumable = book.interrupted;
        for (Path file : files) {
            String id = file.getFileName().toString();
            if (book.abandoned.contains(id)) {
                continue;
            }
            long size = Files.exists(file) ? Files.size(file) : -1;
            OciBook.Session known = book.open.get(id);
            if (book.finished.contains(id)) {
                figures.incidentOnce(Count.STALE_UPLOADS, id, cycle, "upload session file uploads/" + id + " ("
                        + size + " bytes) of a finished upload (its PUT answered 201) left behind");
                continue;
            }
            boolean live = false;
            if (known == null || !known.gone) {
                for (String repo : known != null ? List.of(known.tag.repo) : OciBook.REPOS) {
                    if (oci.uploadStatus(repo, id).status() == 204) {
                        live = true;
                        break;
                    }
                }
            }
            if (!live) {
                figures.incidentOnce(Count.STALE_UPLOADS, id, cycle, "upload session file uploads/" + id + " ("
                        + size + " bytes" + (known == null ? ", of a session whose POST answer the kill cut"
                        : ", repository " + known.tag.repo + (known.finishing ? ", its finishing PUT cut" : ""))
                        + ") left behind without a session");
            } else if (known != resumable) {
                book.abandoned.add(id);
                figures.add(Count.ABANDONED_SESSIONS);
            }
        }
    }

    /**
     * Whether a blob file that is no image's version is still something the OCI side holds: a blob or manifest the
     * harness sent, served by one of the repositories it went to (for the store's orphan check).
     */
    boolean sent(String digest) {
        return !book.sentTo(digest).isEmpty();
    }

    boolean reachable(RegistryApi api, String digest) throws IOException {
        if (book.knownReachable(digest)) {
            return true;
        }
        OciApi oci = api.oci();
        for (String repo : book.sentTo(digest)) {
            if (oci.headBlob(repo, digest).status() == 200) {
                book.reachable(digest, false);
                return true;
            }
            if (oci.headManifest(repo, digest).status() == 200) {
                book.reachable(digest, true);
                return true;
            }
        }
        return false;
    }
}
