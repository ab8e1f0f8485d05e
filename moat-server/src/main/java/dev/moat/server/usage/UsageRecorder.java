package dev.moat.server.usage;

import dev.moat.detect.PromptReading;
import dev.moat.detect.UsageEvent;
import dev.moat.server.store.UsageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes usage events off the request path and writes them to the store in batches, then hands
 * them to the listeners (the detector, the audit log). A batch is what arrived within
 * {@linkplain #LINGER_NANOS a few milliseconds} of its first event, or what was already waiting.
 *
 * <p>Nothing is dropped. A request {@linkplain #tryAdmit() takes a slot} before it is served and
 * gives its event back through {@link #record} when it is done; when every slot is taken, new
 * requests are refused up front (the gateway answers 503), which is back-pressure the client can
 * see instead of an event silently lost. Slots are returned once an event is durably stored. If the
 * store fails, the batch is retried until it succeeds or the recorder is closed, so a database
 * outage stalls admission rather than losing the record.
 *
 * <p>The queue is bounded twice: in events ({@code capacity}) and in bytes ({@code maxQueuedBytes},
 * estimated from the prompt and response text an event carries). The byte bound keeps a queue of
 * long prompts from filling the heap before the event bound is reached — measured, a full queue of
 * events with content drove the JVM into back-to-back full collections instead of answering 503.
 */
public final class UsageRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final int BATCH = 512;
    /**
     * How long the writer lets events gather after the first one before it stores them. Without it, at a
     * moderate rate every request woke the writer for a batch of one: a thread switch and a SQLite transaction per
     * request on the event loop's core. Each transaction has a fixed cost (statements, WAL pages written) that only
     * a larger batch spreads: measured at 2,000 req/s, the writer's CPU per event was 225 µs with no linger, about
     * 55 with 5 ms (batches of about ten) and about 40 with 20 ms (docs/benchmarks.md, fixes 17 and 20). Limits are
     * enforced from memory, so storing an event 20 ms later changes no decision; it only delays the detector and the
     * audit log by as much, and {@link #flush()} and {@link #close()} do not wait for it.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final UsageStore store;
    private final Semaphore slots;
    private final BlockingQueue<Object> queue;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread writer;
    private final int capacity;
    private final long maxQueuedBytes;
    private final long lingerNanos;
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean wakeRequested;

    public UsageRecorder(UsageStore store, int capacity, long maxQueuedBytes) {
        this(store, capacity, maxQueuedBytes, LINGER_NANOS);
    }

    UsageRecorder(UsageStore store, int capacity, long maxQueuedBytes, long lingerNanos) {
        if (capacity < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("usage queue bounds must be positive (got " + capacity + " events, "
                    + maxQueuedBytes + " bytes)");
        }
        this.store = store;
        this.capacity = capacity;
        this.maxQueuedBytes = maxQueuedBytes;
        this.lingerNanos = lingerNanos;
        this.slots = new Semaphore(capacity);
        // One extra place per flush marker, so a flush never waits behind admitted events.
        this.queue = new ArrayBlockingQueue<>(capacity + 1024);
        this.writer = Thread.ofPlatform().name("moat-usage-writer").daemon(true).start(this::drain);
    }

    /** Receives every stored event, on the writer thread, in order. */
    public interface Listener {
        /**
         * @param reading the reading the gateway's guard made of the request's prompt, when it made one: the
         *     detector takes the prompt's traits from it instead of scanning the text again
         */
        void stored(UsageEvent event, Optional<PromptReading> reading);
    }

    /** Called for every stored event, on the writer thread, in order. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Called for every stored event, on the writer thread, in order. */
    public void addEventListener(Consumer<UsageEvent> listener) {
        listeners.add((event, reading) -> listener.accept(event));
    }

    /** Takes a slot for one request; false when the recorder is full and the request must be refused. */
    public boolean tryAdmit() {
        // Requests already in flight when the byte bound is reached still record their events, so the queue may
        // pass it by what they carry; the event bound limits how many they can be.
        return queuedBytes.get() < maxQueuedBytes && slots.tryAcquire();
    }

    /** Records the event of a request that was admitted with {@link #tryAdmit()}. */
    public void record(UsageEvent event) {
        record(event, Optional.empty());
    }

    /** Records the event of an admitted request, with the reading the guard made of its prompt. */
    public void record(UsageEvent event, Optional<PromptReading> reading) {
        long bytes = estimatedBytes(event);
        queuedBytes.addAndGet(bytes);
        if (!queue.offer(new Recorded(event, reading, bytes))) {
            // Cannot happen while callers respect tryAdmit: the queue has room for every slot.
            throw new IllegalStateException("usage queue over capacity: record() called without tryAdmit()");
        }
    }

    /** Completes when every event recorded before this call has been stored. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            if (!queue.offer(new FlushMarker(done), 5, TimeUnit.SECONDS)) {
                done.completeExceptionally(new IllegalStateException("usage writer is not keeping up"));
            }
            wake(); // a flush need not wait out the writer's linger
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Whether a new request could be admitted now. */
    public boolean hasRoom() {
        return slots.availablePermits() > 0 && queuedBytes.get() < maxQueuedBytes;
    }

    /** Estimated heap held by events waiting to be written. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /**
     * Roughly what an event holds on the heap: a fixed part for ids, numbers and the records around
     * them, plus its text at two bytes per character (the worst case of Java strings).
     */
    static long estimatedBytes(UsageEvent event) {
        long chars = event.request().system().map(String::length).orElse(0)
                + event.response().text().map(String::length).orElse(0);
        for (UsageEvent.Message message : event.request().messages()) {
            chars += message.content().length() + message.role().length();
        }
        return 1024 + 2 * chars;
    }

    /** Events waiting to be written. */
    public int depth() {
        return capacity - slots.availablePermits();
    }

    private void drain() {
        List<Object> items = new ArrayList<>(BATCH);
        List<Recorded> recorded = new ArrayList<>(BATCH);
        List<UsageEvent> events = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                linger();
                queue.drainTo(items, BATCH - 1);
                for (Object item : items) {
                    if (item instanceof Recorded r) {
                        recorded.add(r);
                        events.add(r.event());
                    }
                }
                storeUntilDone(events);
                long stored = 0;
                for (Recorded r : recorded) {
                    stored += r.bytes();
                }
                queuedBytes.addAndGet(-stored);
                slots.release(events.size());
                for (Recorded r : recorded) {
                    notifyListeners(r);
                }
                for (Object item : items) {
                    if (item instanceof FlushMarker marker) {
                        marker.done().complete(null);
                    }
                }
            } catch (InterruptedException e) {
                if (!running) {
                    continue;
                }
            } finally {
                items.clear();
                recorded.clear();
                events.clear();
            }
        }
    }

    /**
     * Lets events gather for {@link #lingerNanos} (not at all when a full batch is already waiting), ending early
     * when {@link #flush()} or {@link #close()} ask for the writer. They ask through a flag as well as by
     * unparking: an unpark that arrives while the writer is still waiting on the queue is spent there and would
     * not end the linger.
     */
    private void linger() {
        long deadline = System.nanoTime() + lingerNanos;
        while (running && !wakeRequested && queue.size() < BATCH - 1) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        wakeRequested = false;
    }

    private void wake() {
        wakeRequested = true;
        LockSupport.unpark(writer);
    }

    private void storeUntilDone(List<UsageEvent> events) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                store.append(events);
                return;
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("events", events.size()).setCause(e)
                        .log("storing usage events failed; retrying (admission stalls while the store is down)");
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void notifyListeners(Recorded recorded) {
        for (Listener listener : listeners) {
            try {
                listener.stored(recorded.event(), recorded.reading());
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("event", recorded.event().id()).setCause(e).log("usage listener failed");
            }
        }
    }

    /** An event waiting to be stored, with the guard's reading of its prompt and its {@link #estimatedBytes}. */
    private record Recorded(UsageEvent event, Optional<PromptReading> reading, long bytes) {
    }

    /** Placed in the queue by {@link #flush()}; completed once everything ahead of it is stored. */
    private record FlushMarker(CompletableFuture<Void> done) {
    }

    /** Stores everything recorded so far, then stops the writer. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
