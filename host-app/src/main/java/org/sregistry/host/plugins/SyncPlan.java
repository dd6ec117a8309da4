package org.sregistry.host.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a rescan must do to bring the known plugins in line with the jars on disk, decided without touching
 * anything: which known plugins to drop (their jar is gone, changed or beaten by a higher version), which jars to
 * load, and which unusable jars to list. A plugin whose jar is being rewritten keeps running until the new file is
 * complete; an unusable jar is listed under its file name and never stands in the way of a real plugin's id.
 *
 * @param drop   ids to unload and forget, each with the reason (for the log)
 * @param load   jars to load, one per id
 * @param broken unusable jars to list, with their fingerprint (null for a refused link) and error
 */
record SyncPlan(Map<String, String> drop, List<JarChoice.Candidate> load, Map<Path, Broken> broken) {

    /** What a known record comes from; {@code usable} false for a jar listed as broken. */
    record Known(Path jar, PluginFolders.Fingerprint fingerprint, boolean usable) {
    }

    /** An unusable jar: its fingerprint (null for a refused link) and why. */
    record Broken(PluginFolders.Fingerprint fingerprint, String error) {
    }

    static SyncPlan of(Map<String, Known> known, Set<Path> pending, JarChoice.Choice choice, Map<Path, Broken> broken) {
        Map<String, String> drop = new LinkedHashMap<>();
        Map<Path, Broken> toList = new LinkedHashMap<>(broken);
        for (Map.Entry<String, Known> entry : known.entrySet()) {
            String id = entry.getKey();
            Known was = entry.getValue();
            JarChoice.Candidate wanted = choice.winners().get(id);
            if (!was.usable()) {
                Broken now = broken.get(was.jar());
                boolean unchanged = now != null && Objects.equals(now.fingerprint(), was.fingerprint());
                if (unchanged && wanted == null) {
                    toList.remove(was.jar()); // listed already
                } else {
                    drop.put(id, was.jar().getFileName() + " changed, is gone or is in the way of a plugin");
                }
            } else if (wanted == null && !pending.contains(was.jar())) {
                drop.put(id, was.jar() + " is gone or no longer a plugin");
            } else if (wanted != null && (!wanted.jar().equals(was.jar())
                    || !wanted.found().fingerprint().equals(was.fingerprint()))) {
                drop.put(id, "replaced by " + wanted.jar().getFileName() + " " + wanted.version());
            }
        }
        List<JarChoice.Candidate> load = new ArrayList<>();
        for (JarChoice.Candidate winner : choice.winners().values()) {
            if (!known.containsKey(winner.id()) || drop.containsKey(winner.id())) {
                load.add(winner);
            }
        }
        return new SyncPlan(drop, load, toList);
    }
}
