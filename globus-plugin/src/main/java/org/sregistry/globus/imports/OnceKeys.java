package org.sregistry.globus.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The once-key of an arrived file: {@code taskId:destinationPath}. The registry records it in the
 * same transaction as the image, so the same file of the same task is added at most once whatever
 * crashes or overlapping runs happen. A very long path is replaced by its SHA-256 (the registry
 * limits keys to 500 characters; the key stays unique).
 */
final class OnceKeys {
    static final int MAX_PLAIN = 400;

    private OnceKeys() {
    }

    static String of(String taskId, String destinationPath) {
        String plain = taskId + ":" + destinationPath;
        if (plain.length() <= MAX_PLAIN) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(destinationPath.getBytes(StandardCharsets.UTF_8));
            return taskId + ":sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
