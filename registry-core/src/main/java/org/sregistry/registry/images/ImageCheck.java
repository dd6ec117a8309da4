package org.sregistry.registry.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sregistry.api.ImageName;
import org.sregistry.api.UnsupportedImageException;
import org.sregistry.registry.sif.ImageFormats;

/**
 * Refuses an add whose first bytes are not a container image ({@link ImageFormats}) before
 * anything is stored: for a file before a byte is copied, for a stream after its first
 * {@value ImageFormats#HEAD_BYTES} bytes (which are then put back in front of the rest).
 */
final class ImageCheck {
    private ImageCheck() {
    }

    /** Checks a source file. */
    static void file(Path file, ImageName target, ImagePolicy policy) throws IOException {
        if (policy.acceptsAnyFile().test(target.collection())) {
            return;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ImageFormats.HEAD_BYTES);
        }
        if (ImageFormats.detect(head, head.length).isEmpty()) {
            throw refused("the file " + file.getFileName(), target, policy);
        }
    }

    /** Checks a source stream; answers the stream to read the whole content from. */
    static InputStream stream(InputStream in, ImageName target, ImagePolicy policy) throws IOException {
        if (policy.acceptsAnyFile().test(target.collection())) {
            return in;
        }
        byte[] head = in.readNBytes(ImageFormats.HEAD_BYTES);
        if (ImageFormats.detect(head, head.length).isEmpty()) {
            throw refused(head.length == 0 ? "the upload (it is empty)" : "the upload", target, policy);
        }
        return new SequenceInputStream(new ByteArrayInputStream(head), in);
    }

    private static UnsupportedImageException refused(String what, ImageName target, ImagePolicy policy) {
        String message = what + " is not a container image: it has no SIF header and no squashfs or ext3 file"
                + " system at its start, so it was not stored as " + target.withoutVersion();
        return new UnsupportedImageException(policy.howToAllow().isEmpty() ? message : message + ". " + policy.howToAllow());
    }
}
