package dev.moat.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * All network data loaded at one moment: immutable, so any number of threads classify against it while the
 * reloader builds the next one. It remembers each file's identity, size and modification time as they were
 * when it was loaded, which is how the reloader notices a change.
 */
public final class NetworkSnapshot {

    private final List<GeoDatabase> geoDatabases;
    private final IpPrefixSet hosting;
    private final IpPrefixSet vpn;
    private final IpPrefixSet tor;
    private final Map<Path, FileStamp> stamps;

    private NetworkSnapshot(List<GeoDatabase> geoDatabases, IpPrefixSet hosting, IpPrefixSet vpn, IpPrefixSet tor,
                            Map<Path, FileStamp> stamps) {
        this.geoDatabases = geoDatabases;
        this.hosting = hosting;
        this.vpn = vpn;
        this.tor = tor;
        this.stamps = stamps;
    }

    /** Reads every file; throws {@link NetworkDataException} naming the first file (and line) that is wrong. */
    public static NetworkSnapshot load(NetworkSources sources) {
        Map<Path, FileStamp> stamps = stampsOf(sources);
        List<GeoDatabase> geo = sources.geoip().stream().map(GeoDatabase::open).toList();
        return new NetworkSnapshot(geo, AddressListReader.read(sources.hosting()), AddressListReader.read(sources.vpn()),
                AddressListReader.read(sources.tor()), stamps);
    }

    public NetworkClassification classify(IpAddress address) {
        Optional<GeoLocation> location = Optional.empty();
        for (GeoDatabase database : geoDatabases) {
            location = database.locate(address);
            if (location.isPresent()) {
                break;
            }
        }
        int length = tor.matchingPrefixLength(address);
        Network network = Network.TOR;
        if (length < 0) {
            length = vpn.matchingPrefixLength(address);
            network = Network.VPN;
        }
        if (length < 0) {
            length = hosting.matchingPrefixLength(address);
            network = Network.HOSTING;
        }
        if (length >= 0) {
            return new NetworkClassification(address, location, network, Optional.of(new CidrRange(address, length)));
        }
        return new NetworkClassification(address, location, location.isPresent() ? Network.RESIDENTIAL : Network.UNKNOWN,
                Optional.empty());
    }

    public List<GeoDatabase> geoDatabases() {
        return geoDatabases;
    }

    /** Counts of listed ranges, for start-up logs and health output. */
    public String summary() {
        String tables = geoDatabases.stream().map(GeoDatabase::tableSummary).collect(Collectors.joining("; "));
        return "%d geo database(s)%s, %d hosting, %d VPN and %d Tor ranges".formatted(geoDatabases.size(),
                tables.isEmpty() ? "" : " (" + tables + ")", hosting.size(), vpn.size(), tor.size());
    }

    Map<Path, FileStamp> stamps() {
        return stamps;
    }

    static Map<Path, FileStamp> stampsOf(NetworkSources sources) {
        Map<Path, FileStamp> stamps = new LinkedHashMap<>();
        for (Path file : sources.allFiles()) {
            stamps.put(file, FileStamp.of(file));
        }
        return stamps;
    }

    /**
     * A file's identity (device and inode where the file system has them), size and modification time;
     * {@code missing} when it does not exist (yet). The identity matters because packages unpacked from npm
     * all carry the same fixed modification time: a new file renamed over the old one is still noticed.
     */
    record FileStamp(boolean missing, String identity, long size, long modifiedMillis) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(false, String.valueOf(attributes.fileKey()), attributes.size(),
                        attributes.lastModifiedTime().toMillis());
            } catch (IOException e) {
                return new FileStamp(true, "", 0, 0);
            }
        }
    }
}
