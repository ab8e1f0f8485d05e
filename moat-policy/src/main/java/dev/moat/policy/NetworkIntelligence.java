package dev.moat.policy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IP address → country and network kind, from the files named in {@link NetworkSources}.
 *
 * <p>Thread-safe: readers take the current immutable {@link NetworkSnapshot} from an atomic reference and
 * never wait. {@link #reloadIfChanged()} builds a complete new snapshot off to the side and swaps it in
 * with one write, so a reader sees either the old data or the new, never a mix. A file that fails to load
 * leaves the old snapshot in place; the failure is reported once per broken version of the files rather
 * than on every check.
 */
public final class NetworkIntelligence {

    private final NetworkSources sources;
    private final AtomicReference<NetworkSnapshot> current;
    private final Object reloadLock = new Object();
    private Map<Path, NetworkSnapshot.FileStamp> failedStamps = Map.of();
    private volatile Optional<String> lastFailure = Optional.empty();

    private NetworkIntelligence(NetworkSources sources, NetworkSnapshot snapshot) {
        this.sources = sources;
        this.current = new AtomicReference<>(snapshot);
    }

    /**
     * Loads the files. Fails with {@link NetworkDataException} when one is missing or malformed: at start-up an
     * operator wants to hear about a wrong path, not run silently without the protection it names.
     */
    public static NetworkIntelligence load(NetworkSources sources) {
        return new NetworkIntelligence(sources, NetworkSnapshot.load(sources));
    }

    /** Network intelligence without any data: every address is country {@code unknown}, network {@code unknown}. */
    public static NetworkIntelligence withoutData() {
        return load(NetworkSources.none());
    }

    public NetworkClassification classify(IpAddress address) {
        return current.get().classify(address);
    }

    public NetworkClassification classify(InetAddress address) {
        return classify(IpAddress.of(address));
    }

    /** Classifies an address literal; throws {@link IllegalArgumentException} for anything else. */
    public NetworkClassification classify(String address) {
        return classify(IpAddress.parseOrThrow(address));
    }

    public NetworkSnapshot snapshot() {
        return current.get();
    }

    public NetworkSources sources() {
        return sources;
    }

    /** The reason the most recent reload attempt failed, until a later one succeeds. */
    public Optional<String> lastFailure() {
        return lastFailure;
    }

    /** Re-reads the files if any changed (size, modification time, appeared or disappeared). */
    public ReloadOutcome reloadIfChanged() {
        synchronized (reloadLock) {
            Map<Path, NetworkSnapshot.FileStamp> stamps = NetworkSnapshot.stampsOf(sources);
            if (current.get().stamps().equals(stamps) || stamps.equals(failedStamps)) {
                return new ReloadOutcome.Unchanged();
            }
            try {
                NetworkSnapshot next = NetworkSnapshot.load(sources);
                current.set(next);
                failedStamps = Map.of();
                lastFailure = Optional.empty();
                return new ReloadOutcome.Reloaded(next.summary());
            } catch (NetworkDataException e) {
                failedStamps = stamps;
                String reason = Objects.requireNonNullElse(e.getMessage(), e.toString())
                        + "; still using the data loaded before";
                lastFailure = Optional.of(reason);
                return new ReloadOutcome.Failed(reason);
            }
        }
    }
}
