package org.sregistry.globus.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusJson;
import org.sregistry.globus.client.Pkce;

/**
 * The CLI's login in progress, kept in a 0600 file beside the tokens so that {@code update-tokens --code CODE}
 * can finish a login whose URL an earlier run printed (the code only works with that run's PKCE verifier).
 */
public final class PendingLoginFile {
    private static final Logger LOG = LoggerFactory.getLogger(PendingLoginFile.class);

    private final Path file;
    private final ObjectMapper mapper = GlobusJson.mapper();

    /** The file at {@code file} (created on {@link #save}). */
    public PendingLoginFile(Path file) {
        this.file = file;
    }

    /** Where it lives. */
    public Path file() {
        return file;
    }

    /** Stores the login, replacing any earlier one. */
    public void save(PendingLogin login) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("verifier", login.pkce().verifier());
        doc.put("authorize_url", login.authorizeUrl().toString());
        doc.put("created_at", login.createdAt().toString());
        doc.put("auth_root", login.authRoot() == null ? null : login.authRoot().toString());
        doc.put("client_id", login.clientId());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".pending-login", ".tmp", ownerOnly());
            try {
                Files.write(tmp, mapper.writeValueAsBytes(doc));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The stored login, if there is a readable one. */
    public Optional<PendingLogin> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ObjectNode doc = (ObjectNode) mapper.readTree(Files.readAllBytes(file));
            String authRoot = doc.path("auth_root").asText(null);
            return Optional.of(new PendingLogin(Pkce.fromVerifier(doc.path("verifier").asText()),
                    URI.create(doc.path("authorize_url").asText()), Instant.parse(doc.path("created_at").asText()),
                    authRoot == null ? null : URI.create(authRoot), doc.path("client_id").asText(null)));
        } catch (IOException | RuntimeException e) {
            // Never show the content: it holds the verifier.
            LOG.warn("Ignoring unreadable pending Globus login {} ({})", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Removes it (after a successful login or a logout). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
