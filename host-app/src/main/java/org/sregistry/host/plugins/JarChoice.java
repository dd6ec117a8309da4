package org.sregistry.host.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which jar each plugin runs from when several declare the same id: a jar in a plugins folder before one built in
 * the source tree, then the highest version, then (on a tie) the jar the plugin runs from now, else the first in
 * folder order. The others are ignored, each with the reason.
 */
final class JarChoice {
    private JarChoice() {
    }

    /** A ready jar and what its descriptor declares. */
    record Candidate(PluginFolders.Found found, String id, String version) {
        Path jar() {
            return found.jar();
        }
    }

    /** The jar of each id, and why every other one is ignored. */
    record Choice(Map<String, Candidate> winners, Map<Path, String> ignored) {
    }

    /**
     * @param candidates ready jars, in precedence order
     * @param running    the jar each plugin runs from now
     * @param versions   compares descriptor versions
     */
    static Choice choose(List<Candidate> candidates, Map<String, Path> running, Comparator<String> versions) {
        Map<String, List<Candidate>> byId = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byId.computeIfAbsent(candidate.id(), id -> new ArrayList<>()).add(candidate);
        }
        Map<String, Candidate> winners = new LinkedHashMap<>();
        Map<Path, String> ignored = new LinkedHashMap<>();
        for (Map.Entry<String, List<Candidate>> group : byId.entrySet()) {
            Path now = running.get(group.getKey());
            Candidate best = null;
            for (Candidate candidate : group.getValue()) {
                if (best == null || better(candidate, best, now, versions)) {
                    best = candidate;
                }
            }
            winners.put(group.getKey(), best);
            for (Candidate other : group.getValue()) {
                if (other != best) {
                    ignored.put(other.jar(), reason(other, best));
                }
            }
        }
        return new Choice(winners, ignored);
    }

    private static boolean better(Candidate a, Candidate b, Path running, Comparator<String> versions) {
        if (a.found().dev() != b.found().dev()) {
            return !a.found().dev();
        }
        int byVersion = versions.compare(a.version(), b.version());
        if (byVersion != 0) {
            return byVersion > 0;
        }
        return a.jar().equals(running) && !b.jar().equals(running);
    }

    private static String reason(Candidate loser, Candidate winner) {
        String why = loser.found().dev() && !winner.found().dev() ? "a jar in the plugins folder wins over the source tree"
                : loser.version().equals(winner.version()) ? "the same version in " + winner.jar().getFileName() + " is used"
                : winner.jar().getFileName() + " has version " + winner.version();
        return "Plugin " + loser.id() + " " + loser.version() + " in " + loser.jar() + " ignored: " + why;
    }
}
