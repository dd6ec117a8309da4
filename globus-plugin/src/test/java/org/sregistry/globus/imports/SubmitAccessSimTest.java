package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.transfers.PushNotAllowedException;
import org.sregistry.globus.transfers.SubmittedTransfer;
import org.sregistry.globus.transfers.Submitter;
import org.sregistry.globus.transfers.TransferSubmitter;
import org.sregistry.globus.transfers.UnknownImageException;

/**
 * The submitter acts for one user: a send takes only images they may pull (one they may not see is "no such
 * image", like a missing one), a bring only into a collection they may push to; nothing is staged or sent
 * otherwise, and the ledger record keeps their name.
 */
class SubmitAccessSimTest extends ImportSimTestBase {
    private static final Submitter UMA = new Submitter("uma", uri -> uri.startsWith("umas/"),
            collection -> collection.equals("umas"));

    private TransferSubmitter submitter() {
        return new TransferSubmitter(core.forPlugin("globus"), settings(), submissions, org.sregistry.globus.transfers.TransferClients.only(world.transfer),
                Clock.systemUTC(), () -> { });
    }

    @Test
    void aSendOfAnImageTheUserMayNotPullIsNoSuchImageAndNothingIsStagedOrSent() throws Exception {
        core.forPlugin("globus").add(Files.write(dir.resolve("a.sif"), GlobusWorld.imageBytes("a")), "umas/a:1",
                Map.of());
        core.forPlugin("globus").add(Files.write(dir.resolve("b.sif"), GlobusWorld.imageBytes("b")), "olives/b:1",
                Map.of());
        Files.createDirectories(world.clusterRoot.resolve("out"));
        world.sim.resetStats();

        assertThatThrownBy(() -> submitter().push(world.cluster.id, "/~/out/", List.of("umas/a:1", "olives/b:1"),
                UMA)).isInstanceOf(UnknownImageException.class).hasMessage("no image olives/b:1 in the registry");
        try (var left = Files.list(world.staging.localDir())) {
            assertThat(left).as("nothing staged").isEmpty();
        }
        assertThat(world.sim.requestCount("POST /transfer/v0.10/transfer")).as("nothing sent").isZero();

        SubmittedTransfer sent = submitter().push(world.cluster.id, "/~/out/", List.of("umas/a:1"), UMA);
        assertThat(ledger.get(sent.taskId()).orElseThrow().user()).isEqualTo("uma");
    }

    @Test
    void aBringIntoACollectionTheUserMayNotPushToIsRefusedBeforeSubmitting() throws Exception {
        world.clusterFile("moo_v1.sif", GlobusWorld.imageBytes("moo"));
        world.sim.resetStats();

        assertThatThrownBy(() -> submitter().pull(world.cluster.id, "/~/moo_v1.sif", "olives/moo:v1", false, UMA))
                .isInstanceOf(PushNotAllowedException.class).hasMessageStartingWith("you may not push to collection olives");
        assertThatThrownBy(() -> submitter().pull(world.cluster.id, "/~/moo_v1.sif", null, false, UMA))
                .as("the name made from the endpoint's").isInstanceOf(PushNotAllowedException.class);
        assertThat(world.sim.requestCount("POST /transfer/v0.10/transfer")).as("nothing sent").isZero();
        assertThat(intents.list(10)).isEmpty();

        SubmittedTransfer sent = submitter().pull(world.cluster.id, "/~/moo_v1.sif", "umas/moo:v1", false, UMA);
        assertThat(ledger.get(sent.taskId()).orElseThrow().user()).isEqualTo("uma");
    }
}
