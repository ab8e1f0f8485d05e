package dev.moat.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The online detector: consumes usage events in order and keeps a verdict per organisation.
 * Single writer: call {@link #accept} from one thread.
 */
public final class Detector {

    private final DetectorSettings settings;
    private final Map<String, OrgProfile> profiles = new LinkedHashMap<>();
    private final Map<String, long[]> orgEvents = new LinkedHashMap<>();
    private final List<VerdictListener> listeners = new CopyOnWriteArrayList<>();
    private long eventsProcessed;

    public Detector(DetectorSettings settings) {
        this.settings = settings;
    }

    public DetectorSettings settings() {
        return settings;
    }

    public void addOrg(OrgProfile org) {
        profiles.put(org.orgId(), org);
    }

    public void addListener(VerdictListener listener) {
        listeners.add(listener);
    }

    public void accept(UsageEvent event) {
        orgEvents.computeIfAbsent(event.orgId(), id -> new long[1])[0]++;
        eventsProcessed++;
    }

    public AnalysisReport report() {
        List<PrincipalVerdict> principals = new ArrayList<>();
        for (String org : orgEvents.keySet()) {
            principals.add(new PrincipalVerdict("org", org, 0, Action.NONE, null, null, List.of(), null));
        }
        return new AnalysisReport(eventsProcessed, principals, List.of());
    }
}
