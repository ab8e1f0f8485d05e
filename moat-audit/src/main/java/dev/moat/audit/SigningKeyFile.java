package dev.moat.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The log's Ed25519 signing key in {@code <directory>/signing.key}, as a signer key string in a file only its
 * owner can read (mode 0600). The key is created once, with the log, and never silently replaced: a log whose
 * key is lost cannot sign checkpoints that verify under the key its auditors trust.
 */
final class SigningKeyFile {
    static final String FILE_NAME = "signing.key";

    private SigningKeyFile() {
    }

    static NoteSigner loadOrCreate(Path directory, String origin, boolean logHasData) {
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file, origin);
        }
        if (logHasData) {
            throw new LogStorageException("The audit log in " + directory + " has data but its signing key " + file
                    + " is missing. Restore that file from a backup. Moat will not create a new key for an existing"
                    + " log, because auditors trust the old key and could no longer verify it. To start a new,"
                    + " empty log instead, move " + directory + " away.");
        }
        return create(file, origin);
    }

    private static NoteSigner load(Path file, String origin) {
        NoteSigner signer;
        try {
            signer = NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LogStorageException("cannot read the log's signing key " + file + ": " + e.getMessage(), e);
        } catch (InvalidNoteException e) {
            throw new LogStorageException("the log's signing key " + file + " is malformed: " + e.getMessage(), e);
        }
        if (!signer.name().equals(origin)) {
            throw new LogStorageException("the signing key " + file + " belongs to log '" + signer.name()
                    + "' but this log is configured as '" + origin + "'; use the origin the log was created with");
        }
        return signer;
    }

    private static NoteSigner create(Path file, String origin) {
        NoteSigner signer = NoteSigner.generate(origin);
        Path temp = file.resolveSibling(FILE_NAME + TileFiles.TEMP_SUFFIX);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temp);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temp);
            }
            Files.writeString(temp, signer.toSignerKey() + "\n", StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            TileFiles.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new LogStorageException("cannot create the log's signing key " + file + ": " + e.getMessage(), e);
        }
        return signer;
    }
}
