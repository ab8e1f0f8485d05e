package dev.moat.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of a log directory and how they reach the disk durably: every file is written to a temporary name,
 * forced to disk, renamed over its final name, and its directory is forced before anything that depends on it
 * (a checkpoint) is published. A reader therefore never sees a half-written file, and after a crash every file
 * a published checkpoint needs is complete.
 */
final class TileFiles {
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    TileFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path pathOf(TilePath tile) {
        return root.resolve(tile.toString());
    }

    Optional<byte[]> read(TilePath tile) {
        return readFile(pathOf(tile));
    }

    static Optional<byte[]> readFile(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LogStorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a tile durably except for its directory entry; the caller syncs {@code directories} afterwards. */
    void write(TilePath tile, byte[] bytes, Collection<Path> directories) {
        Path file = pathOf(tile);
        boolean newDirectory = !Files.isDirectory(file.getParent());
        writeDurably(file, bytes);
        directories.add(file.getParent());
        if (newDirectory) {
            // A new directory's own entry lives in its parent (which may be new too), up to the log's root.
            for (Path d = file.getParent().getParent(); d != null && d.startsWith(root); d = d.getParent()) {
                directories.add(d);
            }
        }
    }

    /** Writes a file by temp-file, fsync and atomic rename, then syncs its directory. */
    static void writeAtomically(Path file, byte[] bytes) {
        writeDurably(file, bytes);
        syncDirectory(file.getParent());
    }

    static void writeDurably(Path file, byte[] bytes) {
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LogStorageException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new LogStorageException("cannot sync directory " + directory + ": " + e.getMessage(), e);
        }
    }

    void syncDirectories(Collection<Path> directories) {
        // Deepest first, so a new directory's contents are durable before the entry that makes it reachable.
        Set<Path> ordered = new TreeSet<>(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Path::toString));
        ordered.addAll(directories);
        ordered.forEach(TileFiles::syncDirectory);
    }

    void delete(TilePath tile) {
        try {
            Files.deleteIfExists(pathOf(tile));
        } catch (IOException e) {
            throw new LogStorageException("cannot delete " + pathOf(tile) + ": " + e.getMessage(), e);
        }
    }

    /** Every tile and bundle on disk; leftover temporary files of an interrupted write are removed. */
    List<TilePath> listAndRemoveTemporaries() {
        Path tiles = root.resolve("tile");
        List<TilePath> found = new ArrayList<>();
        if (!Files.isDirectory(tiles)) {
            return found;
        }
        try {
            Files.walkFileTree(tiles, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (file.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }
                    String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    try {
                        found.add(TilePath.parse(relative));
                    } catch (IllegalArgumentException e) {
                        throw new LogStorageException("unexpected file " + file + " in the log's tile directory; "
                                + "move it elsewhere and restart");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LogStorageException("cannot list " + tiles + ": " + e.getMessage(), e);
        }
        return found;
    }
}
