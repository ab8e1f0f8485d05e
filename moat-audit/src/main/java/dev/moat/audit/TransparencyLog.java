package dev.moat.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An append-only transparency log persisted in the C2SP tlog-tiles layout under one directory, with a signed
 * C2SP checkpoint per batch.
 *
 * <h2>Writing</h2>
 * {@link #append} puts an entry on a bounded queue and returns at once; a full queue fails the returned future
 * with {@link LogBackPressureException} (never a silent drop). One integration thread takes entries in arrival
 * order, which fixes their indices, and integrates a batch when {@code batchSize} entries are waiting or
 * {@code batchInterval} after the first of them arrived. For each batch it:
 * <ol>
 *   <li>writes the entry bundles and hash tiles the batch completed or changed, each by temp file, fsync and
 *       rename, then fsyncs their directories;</li>
 *   <li>computes the new root from those tiles and checks, with a consistency proof, that the previously
 *       published root is still reproduced by them (a log must never sign a fork of itself);</li>
 *   <li>signs the checkpoint and publishes it atomically (temp file, fsync, rename, fsync of the directory);</li>
 *   <li>only then completes the entries' futures with their indices.</li>
 * </ol>
 * A completed future therefore means: the entry is on disk and covered by a published, durable checkpoint.
 *
 * <h2>Crash safety</h2>
 * The checkpoint file is the single commit point. On {@link #open} the log reads it, rebuilds its right edge
 * (partial tiles and bundle) from the files that checkpoint requires, confirms they reproduce its root, and
 * deletes every tile or bundle that lies beyond it: the unacknowledged tail of a batch interrupted by a crash.
 * New entries then extend exactly the published tree, so no later checkpoint can be inconsistent with an
 * earlier one. A size-0 checkpoint is published when the log is created, so tiles without a checkpoint mean
 * damage and are refused rather than overwritten. The signing key is created with the log and never replaced.
 *
 * <h2>Reading</h2>
 * The read methods serve the last published checkpoint's view and never show data of a batch in progress.
 * Full tiles come from disk through a cache; the right edge comes from memory.
 *
 * <p>Thread-safe: any thread may append and read. Future callbacks attached with non-async methods run on the
 * integration thread; keep them short or use the {@code *Async} variants.
 */
public final class TransparencyLog implements AutoCloseable {
    /** Most entries one {@link #entries} call returns. */
    public static final int MAX_ENTRIES_PER_READ = 65_536;

    static final String CHECKPOINT_FILE = "checkpoint";

    private final LogSettings settings;
    private final TileFiles files;
    private final Path checkpointFile;
    private final NoteSigner signer;
    /**
     * Full tiles above level 0: every proof walks them and they complete rarely, so many are kept. Level-0 tiles
     * complete every 256 entries and serve only proofs of their own entries and the next batch's consistency check,
     * so only the most recent few are kept. One cache for both held minutes of level-0 tiles, which at 2,000
     * entries/s were copied at every young collection until promoted (2.3 of the 2.8 MB of survivors), then
     * evicted from the old generation (which grew 266 instead of 97 KB per collection); older level-0 tiles are
     * read from disk (the page cache) when a proof needs one.
     */
    private final FullTileCache<TileTree> fullTiles = new FullTileCache<>(2048);
    private final FullTileCache<TileTree> recentLeafTiles = new FullTileCache<>(16);
    private final FullTileCache<List<byte[]>> fullBundles = new FullTileCache<>(256);
    private final BlockingQueue<Pending> queue;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Object publishLock = new Object();
    private final Thread integrator;

    private volatile LogState published;
    private volatile Optional<byte[]> lastCosigned = Optional.empty();
    private volatile boolean accepting = true;
    private volatile AuditException failure;

    // Integration thread only: the tree's right edge as it is being extended.
    private long size;
    private final List<List<byte[]>> edgeTiles = new ArrayList<>();
    private final List<byte[]> edgeEntries = new ArrayList<>();

    private record Pending(byte[] entry, CompletableFuture<Long> future) {
    }

    private TransparencyLog(LogSettings settings, NoteSigner signer) {
        this.settings = settings;
        this.files = new TileFiles(settings.directory());
        this.checkpointFile = settings.directory().resolve(CHECKPOINT_FILE);
        this.signer = signer;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.integrator = Thread.ofPlatform().name("moat-audit-integrator").daemon(true).unstarted(this::integrate);
    }

    /**
     * Opens the log in {@code settings.directory()}, creating it (and its signing key) if the directory holds no
     * log, or recovering it to its last published checkpoint.
     *
     * @throws LogStorageException when the directory cannot be used or holds a damaged log, or when the log has
     *     data but its signing key is missing; the message says what to do
     */
    public static TransparencyLog open(LogSettings settings) {
        Path directory = settings.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LogStorageException("cannot create the audit log directory " + directory + ": " + e.getMessage(), e);
        }
        TileFiles files = new TileFiles(directory);
        List<TilePath> onDisk = files.listAndRemoveTemporaries();
        boolean hasCheckpoint = Files.exists(directory.resolve(CHECKPOINT_FILE));
        NoteSigner signer = SigningKeyFile.loadOrCreate(directory, settings.origin(), hasCheckpoint || !onDisk.isEmpty());
        if (!hasCheckpoint && !onDisk.isEmpty()) {
            throw new LogStorageException("the audit log in " + directory + " has tiles but no checkpoint file;"
                    + " restore " + directory.resolve(CHECKPOINT_FILE) + " from a backup (a new log would fork"
                    + " the old one), or move the directory away to start an empty log");
        }
        TransparencyLog log = new TransparencyLog(settings, signer);
        if (hasCheckpoint) {
            log.recover(onDisk);
        } else {
            log.publish(new ArrayList<>(), TreeHasher.emptyRoot());
        }
        log.integrator.start();
        return log;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Queues one entry (the exact bytes that become the leaf, normally {@link CanonicalJson}).
     *
     * @return a future completed with the entry's index once it is durable and covered by a published
     *     checkpoint; failed with {@link LogBackPressureException} at once when the queue is full, or with
     *     {@link LogStorageException} when the log is closed or stopped after a storage failure
     * @throws IllegalArgumentException when the entry is longer than 65,535 bytes or contains a newline byte
     */
    public CompletableFuture<Long> append(byte[] entry) {
        if (entry == null || entry.length > EntryBundle.MAX_ENTRY_SIZE) {
            throw new IllegalArgumentException("log entry of " + (entry == null ? "null" : entry.length + " bytes")
                    + " (expected: 0.." + EntryBundle.MAX_ENTRY_SIZE + " bytes)");
        }
        for (byte b : entry) {
            if (b == '\n') {
                throw new IllegalArgumentException("log entry contains a newline byte (expected: none, entries are"
                        + " served one per line; canonical JSON never contains one)");
            }
        }
        Pending pending = new Pending(entry.clone(), new CompletableFuture<>());
        lifecycle.readLock().lock();
        try {
            if (!accepting) {
                return CompletableFuture.failedFuture(stoppedException());
            }
            if (!queue.offer(pending)) {
                return CompletableFuture.failedFuture(new LogBackPressureException("the audit log's queue is full ("
                        + settings.queueCapacity() + " entries waiting for integration); retry shortly"));
            }
            if (queue.size() >= settings.batchSize() - 1) {
                // a full batch is waiting: integrate it without waiting out the interval
                LockSupport.unpark(integrator);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
        return pending.future();
    }

    /** Queues the RFC 8785 canonical JSON of {@code value}; see {@link #append(byte[])}. */
    public CompletableFuture<Long> appendJson(Object value) {
        return append(CanonicalJson.toBytes(value));
    }

    private void integrate() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!accepting && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                gatherBatch(batch);
                long firstIndex = size;
                integrateBatch(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).future().complete(firstIndex + i);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, new LogStorageException("the audit log's integration thread was interrupted"));
                return;
            } catch (RuntimeException e) {
                fail(batch, e instanceof AuditException audit ? audit
                        : new LogStorageException("the audit log failed while integrating entries: " + e, e));
                return;
            } catch (Error e) {
                // Waiting callers must not hang on futures nobody will complete, even when the JVM is in trouble.
                fail(batch, new LogStorageException("the audit log failed while integrating entries: " + e, e));
                throw e;
            }
        }
    }

    /**
     * Waits until {@code batchSize} entries are queued or {@code batchInterval} has passed since the first, then
     * takes up to a batch. It sleeps instead of waiting on the queue, so entries arriving meanwhile do not wake it
     * one by one (at 2,000 entries/s that was 2,000 thread switches a second); {@link #append} wakes it early
     * when a full batch is waiting.
     */
    private void gatherBatch(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + settings.batchInterval().toNanos();
        long wait;
        while (accepting && batch.size() + queue.size() < settings.batchSize()
                && (wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        queue.drainTo(batch, settings.batchSize() - batch.size());
    }

    /** After a failure the in-memory edge may be half-updated: stop, and let a restart recover from disk. */
    private void fail(List<Pending> batch, AuditException cause) {
        failure = cause;
        lifecycle.writeLock().lock();
        try {
            accepting = false;
        } finally {
            lifecycle.writeLock().unlock();
        }
        batch.forEach(pending -> pending.future().completeExceptionally(cause));
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(pending -> pending.future().completeExceptionally(stoppedException()));
    }

    private void integrateBatch(List<Pending> batch) {
        Set<Path> directories = new HashSet<>();
        List<TilePath> completed = new ArrayList<>();
        for (Pending pending : batch) {
            byte[] entry = pending.entry();
            long index = size;
            edgeEntries.add(entry);
            if (edgeEntries.size() == TilePath.FULL_WIDTH) {
                TilePath bundle = TilePath.entryBundle(index >>> 8, TilePath.FULL_WIDTH);
                files.write(bundle, EntryBundle.encode(edgeEntries), directories);
                completed.add(bundle);
                edgeEntries.clear();
            }
            size = index + 1;
            addHash(0, TreeHasher.leafHash(entry), directories, completed);
        }
        if (!edgeEntries.isEmpty()) {
            files.write(TilePath.entryBundle(size >>> 8, edgeEntries.size()), EntryBundle.encode(edgeEntries), directories);
        }
        for (int level = 0; level < edgeTiles.size(); level++) {
            List<byte[]> hashes = edgeTiles.get(level);
            TilePath partial = TilePath.hashTile(level, LogState.nodesAtTileLevel(size, level) >>> 8, Math.max(1, hashes.size()));
            // Upper levels often keep their width across batches; an existing partial of that width is identical.
            if (!hashes.isEmpty() && !Files.exists(files.pathOf(partial))) {
                files.write(partial, concat(hashes), directories);
            }
        }
        files.syncDirectories(directories);

        List<TileTree> partials = edgeTiles.stream().map(hashes -> TileTree.of(concat(hashes))).toList();
        byte[] root = MerkleProofs.root(nodes(size, partials), size);
        LogState previous = published;
        if (previous.size() > 0) {
            List<byte[]> proof = MerkleProofs.consistency(nodes(size, partials), previous.size(), size);
            ProofVerifier.verifyConsistency(previous.size(), size, proof, previous.root(), root);
        }
        publish(partials, root);
        for (TilePath full : completed) {
            removeSupersededPartials(full);
        }
    }

    private void addHash(int level, byte[] hash, Set<Path> directories, List<TilePath> completed) {
        if (edgeTiles.size() == level) {
            edgeTiles.add(new ArrayList<>());
        }
        List<byte[]> hashes = edgeTiles.get(level);
        hashes.add(hash);
        if (hashes.size() < TilePath.FULL_WIDTH) {
            return;
        }
        long tileIndex = (LogState.nodesAtTileLevel(size, level) - 1) >>> 8;
        TilePath tile = TilePath.hashTile(level, tileIndex, TilePath.FULL_WIDTH);
        byte[] bytes = concat(hashes);
        files.write(tile, bytes, directories);
        TileTree tree = TileTree.of(bytes);
        cacheOf(tile).put(tile, tree);
        completed.add(tile);
        hashes.clear();
        addHash(level + 1, tree.top(), directories, completed);
    }

    private void publish(List<TileTree> partials, byte[] root) {
        Checkpoint checkpoint = new Checkpoint(settings.origin(), size, root);
        SignedNote note = signer.signNote(checkpoint.toText());
        TileFiles.writeAtomically(checkpointFile, note.toBytes());
        synchronized (publishLock) {
            published = new LogState(size, root, partials, List.copyOf(edgeEntries), note, List.of());
        }
    }

    /**
     * Partial tiles of a tile that is now full are no longer needed by the newest checkpoint (tlog-tiles allows
     * deleting them). Removal is best effort: a leftover partial is harmless and removed with the next restart's
     * cleanup only if it lies beyond the checkpoint, so failures here are not worth stopping the log for.
     */
    private void removeSupersededPartials(TilePath full) {
        Path partialDirectory = files.pathOf(full).resolveSibling(files.pathOf(full).getFileName() + ".p");
        if (!Files.isDirectory(partialDirectory)) {
            return;
        }
        try (var stream = Files.list(partialDirectory)) {
            for (Path file : stream.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(partialDirectory);
        } catch (IOException e) {
            // Best effort, see above.
        }
    }

    private void recover(List<TilePath> onDisk) {
        SignedNote note = readCheckpointNote(checkpointFile, signer.verifier());
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (!checkpoint.origin().equals(settings.origin())) {
            throw new LogStorageException("the audit log in " + settings.directory() + " has origin '"
                    + checkpoint.origin() + "' but is configured as '" + settings.origin() + "'");
        }
        size = checkpoint.size();
        for (int level = 0; LogState.nodesAtTileLevel(size, level) > 0; level++) {
            long count = LogState.nodesAtTileLevel(size, level);
            List<byte[]> hashes = new ArrayList<>();
            int width = (int) (count & 0xFF);
            if (width > 0) {
                TilePath partial = TilePath.hashTile(level, count >>> 8, width);
                byte[] bytes = requireFile(partial, width * TreeHasher.HASH_SIZE);
                for (int i = 0; i < width; i++) {
                    hashes.add(Arrays.copyOfRange(bytes, i * TreeHasher.HASH_SIZE, (i + 1) * TreeHasher.HASH_SIZE));
                }
            }
            edgeTiles.add(hashes);
        }
        int entryWidth = (int) (size & 0xFF);
        if (entryWidth > 0) {
            TilePath bundle = TilePath.entryBundle(size >>> 8, entryWidth);
            List<byte[]> entries;
            try {
                entries = EntryBundle.decode(requireFile(bundle, -1));
            } catch (IllegalArgumentException e) {
                throw damaged(bundle + " is not a valid entry bundle: " + e.getMessage());
            }
            if (entries.size() != entryWidth) {
                throw damaged(bundle + " holds " + entries.size() + " entries (expected: " + entryWidth + ")");
            }
            edgeEntries.addAll(entries);
        }
        List<TileTree> partials = edgeTiles.stream().map(hashes -> TileTree.of(concat(hashes))).toList();
        byte[] root = MerkleProofs.root(nodes(size, partials), size);
        if (!MessageDigest.isEqual(root, checkpoint.root())) {
            throw damaged("the stored tiles do not reproduce the root of the published checkpoint (size " + size + ")");
        }
        for (TilePath path : onDisk) {
            if (!LogState.covers(size, path)) {
                files.delete(path);
            }
        }
        published = new LogState(size, root, partials, List.copyOf(edgeEntries), note, List.of());
    }

    static SignedNote readCheckpointNote(Path file, NoteVerifier key) {
        byte[] bytes = TileFiles.readFile(file).orElseThrow(() -> new LogStorageException("checkpoint " + file + " is missing"));
        try {
            SignedNote note = SignedNote.parse(bytes);
            note.verify(List.of(key));
            return note;
        } catch (InvalidNoteException e) {
            throw new LogStorageException("the checkpoint " + file + " does not verify with the log's key "
                    + key.toVerifierKey() + ": " + e.getMessage(), e);
        }
    }

    private byte[] requireFile(TilePath path, int expectedLength) {
        byte[] bytes = files.read(path).orElseThrow(() -> damaged(path + " is missing"));
        if (expectedLength >= 0 && bytes.length != expectedLength) {
            throw damaged(path + " is " + bytes.length + " bytes (expected: " + expectedLength + ")");
        }
        return bytes;
    }

    private LogStorageException damaged(String what) {
        return new LogStorageException("the audit log in " + settings.directory() + " is damaged: " + what
                + ". Run 'moat audit verify --data-dir " + settings.directory() + "' for details and restore the"
                + " directory from a backup.");
    }

    // ---------------------------------------------------------------- reading

    /** Size of the tree of the last published checkpoint. */
    public long size() {
        return published.size();
    }

    /** The last published checkpoint as a signed note (the log's signature, then any witness cosignatures). */
    public byte[] checkpoint() {
        return published.servedCheckpoint();
    }

    /** The log's verifier key, {@code origin+hexkeyid+base64(0x01||pubkey)}: what auditors must trust. */
    public String verifierKey() {
        return signer.verifier().toVerifierKey();
    }

    /**
     * A hash tile or entry bundle of the published tree by its tlog-tiles path, such as {@code tile/0/x001/234}
     * or {@code tile/entries/000.p/17}.
     *
     * @return empty when the published tree has no such tile (or an old partial was removed)
     * @throws IllegalArgumentException when the path is not a tlog-tiles path
     */
    public Optional<byte[]> tile(String path) {
        TilePath tile = TilePath.parse(path);
        LogState state = published;
        if (!LogState.covers(state.size(), tile)) {
            return Optional.empty();
        }
        long count = LogState.nodesAtTileLevel(state.size(), tile.level());
        boolean isEdge = tile.index() == count >>> 8 && tile.width() == (count & 0xFF);
        if (isEdge) {
            return Optional.of(tile.isEntryBundle() ? EntryBundle.encode(state.partialEntries())
                    : state.partialTiles().get(tile.level()).hashes());
        }
        if (tile.isPartial()) {
            return files.read(tile);
        }
        return tile.isEntryBundle() ? readFullBundle(tile).map(EntryBundle::encode) : readFullTile(tile).map(TileTree::hashes);
    }

    /** The inclusion proof of entry {@code index} in the tree of {@code treeSize} entries, leaf side first. */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        LogState state = published;
        requirePublished(treeSize, state);
        return MerkleProofs.inclusion(nodes(state), index, treeSize);
    }

    /** The consistency proof from the tree of {@code oldSize} entries to the tree of {@code treeSize}. */
    public List<byte[]> consistencyProof(long oldSize, long treeSize) {
        LogState state = published;
        requirePublished(treeSize, state);
        return MerkleProofs.consistency(nodes(state), oldSize, treeSize);
    }

    /**
     * Entries {@code start} (inclusive) to {@code end} (exclusive), each exactly the bytes hashed as its leaf.
     *
     * @throws IllegalArgumentException unless 0 <= start <= end <= size() and end - start <= {@value #MAX_ENTRIES_PER_READ}
     */
    public List<byte[]> entries(long start, long end) {
        LogState state = published;
        if (start < 0 || start > end || end > state.size() || end - start > MAX_ENTRIES_PER_READ) {
            throw new IllegalArgumentException("entries [" + start + ", " + end + ") (expected: 0 <= start <= end <= "
                    + state.size() + " and at most " + MAX_ENTRIES_PER_READ + " entries)");
        }
        List<byte[]> result = new ArrayList<>((int) (end - start));
        long fullBundles = state.size() >>> 8;
        for (long bundle = start >>> 8; bundle <= (end - 1) >>> 8 && start < end; bundle++) {
            TilePath full = TilePath.entryBundle(bundle, TilePath.FULL_WIDTH);
            List<byte[]> entries = bundle < fullBundles
                    ? readFullBundle(full).orElseThrow(() -> damaged(full + " is missing"))
                    : state.partialEntries();
            long first = bundle << 8;
            for (int i = 0; i < entries.size(); i++) {
                long index = first + i;
                if (index >= start && index < end) {
                    result.add(entries.get(i).clone());
                }
            }
        }
        return result;
    }

    /**
     * Accepts a witness's cosignature line ({@code — <witness> base64(...)}) for the current checkpoint and
     * serves it with the checkpoint until the next one is published.
     *
     * @throws InvalidNoteException when the line is malformed, the witness is not configured, or the cosignature
     *     does not verify against the current checkpoint (for example because a newer one was published)
     */
    public void addCosignature(String signatureLine) {
        NoteSignature cosignature = NoteSignature.parseLine(signatureLine);
        NoteVerifier witness = settings.witnesses().stream()
                .filter(key -> key.name().equals(cosignature.name()) && key.keyId() == cosignature.keyId())
                .findFirst()
                .orElseThrow(() -> new InvalidNoteException("no witness named " + cosignature.name() + " with key ID "
                        + String.format("%08x", cosignature.keyId()) + " is configured for this log"));
        synchronized (publishLock) {
            LogState state = published;
            if (!witness.verifies(state.checkpoint().text().getBytes(StandardCharsets.UTF_8), cosignature.payload())) {
                throw new InvalidNoteException("cosignature by " + witness.name() + " does not verify against the"
                        + " current checkpoint (size " + state.size() + "); cosign the checkpoint being served now");
            }
            published = state.withCosignature(cosignature);
            lastCosigned = Optional.of(published.servedCheckpoint());
        }
    }

    /**
     * The newest checkpoint that a witness cosigned, with the log's signature and all its cosignatures. With
     * batches every 200 ms the current checkpoint moves on quickly, so clients that require witnessed
     * checkpoints should read this one (it stays consistent with every later checkpoint). Empty until a
     * cosignature is accepted; not kept across restarts.
     */
    public Optional<byte[]> cosignedCheckpoint() {
        return lastCosigned.map(byte[]::clone);
    }

    /** Stops taking entries, integrates those already queued, and stops the integration thread. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            accepting = false;
        } finally {
            lifecycle.writeLock().unlock();
        }
        LockSupport.unpark(integrator); // integrate what is queued now instead of at the end of the interval
        // Called from a future callback, close runs on the integration thread itself, which then exits on its own.
        if (Thread.currentThread() != integrator) {
            try {
                integrator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(pending -> pending.future().completeExceptionally(stoppedException()));
    }

    private AuditException stoppedException() {
        AuditException cause = failure;
        return cause == null ? new LogStorageException("the audit log is closed")
                : new LogStorageException("the audit log stopped after a storage failure (" + cause.getMessage()
                        + "); restart to recover from the last published checkpoint", cause);
    }

    private void requirePublished(long treeSize, LogState state) {
        if (treeSize > state.size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " (expected: at most the published size "
                    + state.size() + ")");
        }
    }

    private NodeReader nodes(LogState state) {
        return nodes(state.size(), state.partialTiles());
    }

    private NodeReader nodes(long treeSize, List<TileTree> partials) {
        return new TiledNodes((level, index) -> {
            long count = LogState.nodesAtTileLevel(treeSize, level);
            if (index < count >>> 8) {
                return readFullTile(TilePath.hashTile(level, index, TilePath.FULL_WIDTH))
                        .orElseThrow(() -> damaged(TilePath.hashTile(level, index, TilePath.FULL_WIDTH) + " is missing"));
            }
            if (index == count >>> 8 && level < partials.size()) {
                return partials.get(level);
            }
            throw new IllegalArgumentException("tile " + level + "/" + index + " is beyond the tree of size " + treeSize);
        });
    }

    private Optional<TileTree> readFullTile(TilePath tile) {
        FullTileCache<TileTree> cache = cacheOf(tile);
        Optional<TileTree> cached = cache.get(tile);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<TileTree> read = files.read(tile).map(TileTree::of);
        read.ifPresent(tree -> cache.put(tile, tree));
        return read;
    }

    private FullTileCache<TileTree> cacheOf(TilePath tile) {
        return tile.level() == 0 ? recentLeafTiles : fullTiles;
    }

    private Optional<List<byte[]>> readFullBundle(TilePath bundle) {
        Optional<List<byte[]>> cached = fullBundles.get(bundle);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<List<byte[]>> read = files.read(bundle).map(bytes -> List.copyOf(EntryBundle.decode(bytes)));
        read.ifPresent(entries -> fullBundles.put(bundle, entries));
        return read;
    }

    private static byte[] concat(List<byte[]> hashes) {
        byte[] bytes = new byte[hashes.size() * TreeHasher.HASH_SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, bytes, i * TreeHasher.HASH_SIZE, TreeHasher.HASH_SIZE);
        }
        return bytes;
    }
}
