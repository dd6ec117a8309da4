package org.sregistry.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.sregistry.registry.sif.SifWriter;

/** Image contents from a seeded RNG: random bytes of 0..max, sometimes empty, sometimes a small valid SIF file. */
final class Contents {
    private final Path scratch;

    Contents(Path scratch) {
        this.scratch = scratch;
    }

    byte[] next(Random rng, int max) throws IOException {
        int r = rng.nextInt(100);
        if (r < 4) {
            return new byte[0];
        }
        if (r < 20) {
            byte[] payload = new byte[1 + rng.nextInt(Math.min(max, 256 << 10))];
            rng.nextBytes(payload);
            Path file = scratch.resolve(UUID.randomUUID() + ".sif");
            SifWriter.write(file, payload, "amd64", Instant.ofEpochSecond(1_700_000_000L + rng.nextInt(1 << 20)),
                    new UUID(rng.nextLong(), rng.nextLong()));
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        }
        byte[] bytes = new byte[rng.nextInt(max + 1)];
        rng.nextBytes(bytes);
        return bytes;
    }
}
