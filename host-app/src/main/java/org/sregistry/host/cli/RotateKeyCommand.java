package org.sregistry.host.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sregistry.host.secrets.Keyring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code registry secrets rotate}: adds a key to the keyring and makes it current (the first run on a data dir
 * without a keyring makes it, with one key). Values sealed with older keys still open; plugins seal them again with
 * the new key when they next write them. A running server takes the new key at its next seal.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Add a new current key; values sealed with older keys still open and are re-sealed on write.")
public final class RotateKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Keyring> keyring = SecretsCommand.keyring(spec, "rotate");
        if (keyring.isEmpty()) {
            return 1;
        }
        String current = keyring.get().rotate();
        // "current", not "current_key": the audit drops details whose names look secret
        SecretsCommand.audit(spec, "secrets.rotate", java.util.Map.of("current", current));
        PrintWriter out = spec.commandLine().getOut();
        out.println("current key: " + current + "; keys: " + String.join(", ", keyring.get().keyIds()));
        out.flush();
        return 0;
    }
}
