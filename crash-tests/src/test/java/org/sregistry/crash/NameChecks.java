package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.sregistry.crash.Figures.Count;

/**
 * After a restart: every written name against its last acknowledged state. A name written this cycle (or with a
 * write cut by the kill) is downloaded and hashed; the others are compared by version (their bytes were proven when
 * they were written, and {@link StoreChecks} checks that their blob files are there with the right size).
 */
final class NameChecks {
    private final ImageBook book;
    private final Figures figures;

    NameChecks(ImageBook book, Figures figures) {
        this.book = book;
        this.figures = figures;
    }

    /** @param everything download every present name, not only the ones written since the last check */
    void check(RegistryApi api, Images images, int cycle, boolean everything) throws IOException {
        for (TrackedName t : book.all()) {
            JsonNode image = images.get(t.uri);
            String observed = image == null ? null : Images.versionOf(image);
            String acked = t.digest();
            Boolean intact = null;
            String problem = null;
            if (image != null && (everything || t.needsDownload() || !observed.equals(acked))) {
                RegistryApi.Download d = api.download(t.uri);
                long size = image.path("size").asLong();
                intact = d.status() == 200 && observed.equals(d.digest()) && d.length() == size;
                if (!intact) {
                    problem = d.status() != 200 ? "its download answers " + d.status()
                            : "it claims " + shortly(observed) + " (" + size + " bytes) but serves "
                            + shortly(d.digest()) + " (" + d.length() + " bytes)";
                }
            }
            TrackedName.Finding finding = t.check(observed, intact);
            String now = observed == null ? "the name is absent" : "the name shows " + shortly(observed)
                    + (problem != null ? " and " + problem : "");
            switch (finding.verdict()) {
                case OK -> { }
                case UNACKED_APPLIED -> {
                    figures.add(Count.UNACK_WRITES);
                    figures.add(Count.UNACK_APPLIED);
                }
                case UNACKED_ABSENT -> {
                    figures.add(Count.UNACK_WRITES);
                    figures.add(Count.UNACK_ABSENT);
                }
                case UNACKED_HALF -> figures.add(Count.UNACK_WRITES);
                case LOST_WRITE -> figures.incident(Count.LOST_UPLOADS, cycle, t.uri + ": acknowledged "
                        + shortly(acked) + " lost, " + now);
                case LOST_DELETE -> figures.incident(Count.LOST_DELETES, cycle, t.uri
                        + ": acknowledged delete undone, " + now);
            }
            if (finding.halfWritten()) {
                figures.incidentOnce(Count.HALF_WRITTEN, t.uri + "@" + observed, cycle, t.uri + ": "
                        + (problem != null ? problem : "shows " + shortly(observed) + ", which nobody wrote to it"));
            }
        }
    }

    static String shortly(String digest) {
        return digest == null ? "nothing" : digest.substring(0, Math.min(digest.length(), 19));
    }
}
