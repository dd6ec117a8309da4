package org.sregistry.host.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sregistry.host.secrets.Keyring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code registry secrets retire [--force] [KEY...]}: removes keys that are not current (the named ones, default
 * all). Values still sealed with them can no longer be opened (a stored login then asks its user to sign in again).
 * The host cannot see cheaply which values use a key (they live in plugins' records), so without {@code --force} it
 * only says what would go and exits 1: re-seal first, then retire with {@code --force}.
 */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = "Remove keys that are no longer current (default: all of them); values sealed with them no"
                + " longer open. Refuses without --force, as the registry cannot tell whether values still use them.")
public final class RetireKeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Key ids to retire, e.g. k1 (default: every key"
            + " that is not current).")
    List<String> keys = List.of();

    @Option(names = "--force", description = "Retire even though values sealed with these keys may still be stored.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Keyring> found = SecretsCommand.keyring(spec, "retire");
        if (found.isEmpty()) {
            return 1;
        }
        Keyring keyring = found.get();
        String current = keyring.currentKey();
        if (current == null) {
            out.println("no keyring yet: nothing to retire");
            return 0;
        }
        List<String> candidates = keys.isEmpty()
                ? keyring.keyIds().stream().filter(id -> !id.equals(current)).toList() : keys;
        for (String id : candidates) {
            if (id.equals(current)) {
                err.println("registry secrets retire: " + id + " is the current key; run registry secrets rotate first");
                return 1;
            }
            if (!keyring.keyIds().contains(id)) {
                err.println("registry secrets retire: no key " + id + " (keys: "
                        + String.join(", ", keyring.keyIds()) + ")");
                return 1;
            }
        }
        if (candidates.isEmpty()) {
            out.println("nothing to retire: " + current + " is the only key");
            return 0;
        }
        if (!force) {
            err.println("registry secrets retire: would retire " + String.join(", ", candidates) + "; values still"
                    + " sealed with them could no longer be opened, and the registry cannot tell whether any are"
                    + " stored. Re-seal them first (plugins re-seal on write), then run again with --force."
                    + " Nothing was changed.");
            return 1;
        }
        List<String> removed = keyring.retire(candidates);
        SecretsCommand.audit(spec, "secrets.retire", java.util.Map.of("retired", String.join(" ", removed)));
        out.println("retired: " + String.join(", ", removed) + "; current key: " + current);
        out.flush();
        return 0;
    }
}
