package dev.moat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The online detector: consumes usage events in order and keeps, per organisation and per cluster of
 * linked organisations, a fixed-size behaviour profile, a risk in [0,1] and an action chosen by the
 * thresholds of {@link DetectorSettings}. Every change of an organisation's action is told to the
 * {@link VerdictListener}s synchronously, inside {@link #accept}, so the gateway can apply it to the very
 * next request.
 *
 * <h2>Per event</h2>
 * <ol>
 *   <li>{@link EventTraitsReader} reduces the event to traits (one scan of the prompt).</li>
 *   <li>The organisation's profile (and its cluster's aggregate, and its drift profile when the traffic
 *       comes from infrastructure outside its baseline) absorbs the traits.</li>
 *   <li>{@link ClusterLinker} records the event's linkage evidence and may unite clusters; members of an
 *       actioned cluster that a new member joins pass its action on at once.</li>
 *   <li>{@link RiskAssessment} scores the organisation and its cluster; the action in force is the stronger
 *       of the two. Actions of {@code throttle} and above are sticky; {@code flag} and {@code review}
 *       follow the current risk.</li>
 * </ol>
 *
 * <h2>Bounded memory</h2>
 * State is per organisation, per cluster and per evidence key, each of fixed size. On a fixed event-time
 * period (a quarter of the link lifetime, at most an hour) the detector drops organisations idle for
 * longer than {@link DetectorSettings#idleEviction()}, expires linkage, and, if more than
 * {@link DetectorSettings#maxPrincipals()} organisations are live, drops the least recently active. A
 * dropped organisation keeps only its last verdict (a few hundred bytes) for reports, and only if it was
 * ever flagged or stronger.
 *
 * <h2>Threads</h2>
 * {@link #accept}, {@link #report} and {@link #verdict} are synchronised and may be called from any
 * thread (the gateway feeds events from one consumer thread). {@link #enforcement} reads a concurrent map
 * and never blocks: it is meant for the request path.
 */
public final class Detector {

    private static final long MAX_REBUILD_PERIOD = 3600;

    private final DetectorSettings settings;
    private final EventTraitsReader traitsReader = new EventTraitsReader();
    private final RiskAssessment assessment = new RiskAssessment();
    private final Map<String, OrgProfile> profiles = new HashMap<>();
    private final Map<String, OrgState> orgs = new LinkedHashMap<>();
    private final Map<String, PrincipalVerdict> retired = new LinkedHashMap<>();
    private final Map<String, ClusterVerdict> actionedClusters = new LinkedHashMap<>();
    private final Map<String, Action> enforcement = new ConcurrentHashMap<>();
    private final List<VerdictListener> listeners = new CopyOnWriteArrayList<>();
    private final ClusterLinker linker;
    private final long rebuildPeriod;
    private final long idleSeconds;
    private Consumer<PrincipalVerdict> retirementListener;
    private long nextRebuild = Long.MIN_VALUE;
    private long eventsProcessed;
    private int nextSerial;

    public Detector(DetectorSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: null (expected: DetectorSettings.defaults() or a variant)");
        }
        this.settings = settings;
        this.linker = new ClusterLinker(settings.linkTtl().toSeconds());
        this.rebuildPeriod = Math.max(1, Math.min(MAX_REBUILD_PERIOD, settings.linkTtl().toSeconds() / 4));
        this.idleSeconds = settings.idleEviction().toSeconds();
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** Registers or updates an organisation's sign-up facts (provenance and sign-up linkage). */
    public synchronized void addOrg(OrgProfile org) {
        profiles.put(org.orgId(), org);
        OrgState state = orgs.get(org.orgId());
        if (state != null) {
            state.profile = org;
        }
    }

    public void addListener(VerdictListener listener) {
        listeners.add(listener);
    }

    /**
     * Told the last verdict of every organisation whose state is dropped (idle or over the cap), so an
     * offline driver can report every organisation it saw; the online detector keeps only notable ones.
     */
    synchronized void onRetirement(Consumer<PrincipalVerdict> listener) {
        retirementListener = listener;
    }

    /** The number of events accepted so far. */
    public synchronized long eventsProcessed() {
        return eventsProcessed;
    }

    /**
     * The action the gateway must apply to the organisation now ({@code NONE} when unknown, and always in
     * shadow mode). Lock-free; safe on the request path.
     */
    public Action enforcement(String orgId) {
        return enforcement.getOrDefault(orgId, Action.NONE);
    }

    /** Consumes the next event (events must come in order); returns the verdict changes it caused. */
    public synchronized List<Verdict> accept(UsageEvent event) {
        long index = eventsProcessed++;
        EventTraits t = traitsReader.read(event);
        long now = t.epochSecond;
        if (nextRebuild == Long.MIN_VALUE) {
            nextRebuild = now + rebuildPeriod;
        } else if (now >= nextRebuild || orgs.size() > settings.maxPrincipals()) {
            maintain(now);
            nextRebuild = now + rebuildPeriod;
        }
        OrgState org = orgs.get(event.orgId());
        if (org == null) {
            org = new OrgState(event.orgId(), nextSerial++, profiles.get(event.orgId()));
            orgs.put(org.id, org);
            PrincipalVerdict before = retired.remove(org.id);
            if (before != null && before.action().affectsCustomer()) {
                // enforcement outlives eviction: a returning organisation keeps its action
                org.ownAction = before.action();
                org.inForce = before.action();
                org.firstActionEvent = before.firstActionEvent().orElse(-1);
                org.firstActionTs = before.firstActionTs().orElse(null);
            }
        }
        org.events++;
        org.lastSecond = now;
        org.behaviour.add(t);
        org.examples.record(t, event.id());
        org.trust = TrustModel.trust(org.profile, now, org.behaviour.anonymised / org.behaviour.events);
        if (org.observeInfrastructure(t) && org.trust < TrustModel.UNKNOWN) {
            if (org.drift == null) {
                org.drift = new BehaviourProfile();
            }
            org.drift.add(t);
        }
        ClusterState cluster = ClusterLinker.clusterOf(org);
        if (cluster != null) {
            cluster.aggregate.add(t);
            cluster.addTrust(org.trust, 1);
        }

        ClusterState joined = link(org, t, now);
        List<Verdict> changes = new ArrayList<>(0);
        if (joined != null) {
            cluster = joined;
        }

        org.risk = assessment.assess(org.behaviour, org.trust).risk;
        if (org.drift != null) {
            org.driftRisk = assessment.assess(org.drift, TrustModel.MAX).risk;
        }
        double ownRisk = Math.max(org.risk, org.driftRisk);
        Action own = capped(settings.actionFor(ownRisk), org.events);
        if (own.compareTo(org.ownAction) > 0 && ownRisk >= org.peakRisk) {
            org.peakRisk = ownRisk;
            org.peakSignals = ownSignals(org);
        }
        org.ownAction = org.ownAction.affectsCustomer() ? org.ownAction.atLeast(own) : own;

        if (cluster != null) {
            Action before = cluster.action;
            scoreCluster(cluster, index);
            if (cluster.action != before || joined != null) {
                for (OrgState member : cluster.members) {
                    if (member != org) {
                        settle(member, cluster, index, event, changes);
                    }
                }
            }
        }
        settle(org, cluster, index, event, changes);
        return changes;
    }

    private ClusterState link(OrgState org, EventTraits t, long now) {
        ClusterState joined = null;
        OrgProfile p = org.profile;
        // sign-up facts are re-shown while the organisation is active (the linker's cache makes that one
        // probe per event), so the edges they make expire only once one side falls silent
        if (p != null) {
            joined = pick(joined, linker.observe(org, LinkEvidence.PAYMENT, hash(p.paymentFingerprint()), now));
            if (p.emailDomain().isPresent() && !PublicMailDomains.contains(p.emailDomain().get())) {
                joined = pick(joined, linker.observe(org, LinkEvidence.EMAIL_DOMAIN,
                        Hashing.ofNormalised(p.emailDomain().get()), now));
            }
            if (p.signupIp().isPresent()) {
                joined = pick(joined, linker.observe(org, LinkEvidence.SIGNUP_IP, hash(p.signupIp()), now));
                joined = pick(joined, linker.observe(org, LinkEvidence.NETWORK,
                        NetworkPrefix.hash(p.signupIp().get()), now));
            }
            if (p.createdAt().isPresent()) {
                joined = pick(joined, linker.observe(org, LinkEvidence.SIGNUP_TIME,
                        p.createdAt().get().getEpochSecond() / 600 + 1, now));
            }
        }
        if (!org.startLinked) {
            org.startLinked = true;
            joined = pick(joined, linker.observe(org, LinkEvidence.START_TIME, now / 600 + 1, now));
        }
        joined = pick(joined, linker.observe(org, LinkEvidence.IP, t.ipHash, now));
        joined = pick(joined, linker.observe(org, LinkEvidence.NETWORK, t.prefixHash, now));
        if (t.systemHash != 0) {
            joined = pick(joined, linker.observe(org, LinkEvidence.SYSTEM_PROMPT, t.systemHash, now));
        }
        // only a template the organisation uses repeatedly is evidence; one-off openings are not
        if (t.templatePrefix != 0 && org.behaviour.prefixes.count(t.templatePrefix) >= ESTABLISHED_TEMPLATE) {
            joined = pick(joined, linker.observe(org, LinkEvidence.TEMPLATE, t.templatePrefix, now));
        }
        if (t.templateSuffix != 0 && org.behaviour.suffixes.count(t.templateSuffix) >= ESTABLISHED_TEMPLATE) {
            joined = pick(joined, linker.observe(org, LinkEvidence.TEMPLATE, t.templateSuffix, now));
        }
        return joined;
    }

    private static final double ESTABLISHED_TEMPLATE = 3;

    private static ClusterState pick(ClusterState current, ClusterState result) {
        return result != null ? result : current;
    }

    private static long hash(Optional<String> value) {
        return value.map(Hashing::ofNormalised).orElse(0L);
    }

    /**
     * A cluster is scored like one organisation over the sum of its members' traffic, under its members'
     * mean trust, amplified by a coordination term for its size (many linked accounts doing the same
     * harvesting is worse than one) that never creates risk where the content has none.
     */
    private void scoreCluster(ClusterState cluster, long index) {
        double content = assessment.assess(cluster.aggregate, cluster.trust()).risk;
        double coordination = 0.3 * Math.min(1, (cluster.members.size() - 1) / 4.0);
        cluster.risk = RiskAssessment.noisyOr(content, coordination * content);
        Action action = capped(settings.actionFor(cluster.risk), (long) cluster.aggregate.events);
        cluster.action = cluster.action.affectsCustomer() ? cluster.action.atLeast(action) : action;
        if (cluster.action.affectsCustomer() && cluster.firstActionEvent < 0) {
            cluster.firstActionEvent = index;
        }
    }

    private Action capped(Action action, long events) {
        if (events < settings.minEventsForAction() && action.compareTo(Action.REVIEW) > 0) {
            return Action.REVIEW;
        }
        return action;
    }

    /** Recomputes the action in force for {@code org} and reports a change. */
    private void settle(OrgState org, ClusterState cluster, long index, UsageEvent event, List<Verdict> changes) {
        Action clusterAction = cluster == null ? Action.NONE : cluster.action;
        Action next = org.ownAction.atLeast(clusterAction);
        if (org.inForce.affectsCustomer()) {
            next = next.atLeast(org.inForce);
        }
        if (next == org.inForce) {
            return;
        }
        Action previous = org.inForce;
        org.inForce = next;
        if (next.affectsCustomer() && org.firstActionEvent < 0) {
            org.firstActionEvent = index;
            org.firstActionTs = event.ts();
        }
        boolean fromCluster = clusterAction.compareTo(org.ownAction) > 0;
        if (!settings.shadowMode()) {
            if (next == Action.NONE) {
                enforcement.remove(org.id);
            } else {
                enforcement.put(org.id, next);
            }
        }
        double risk = fromCluster ? cluster.risk : Math.max(org.risk, org.driftRisk);
        List<Signal> signals = fromCluster ? List.of(clusterSignal(cluster)) : List.of();
        Verdict verdict = new Verdict(org.id, risk, next, previous, !settings.shadowMode(), index, event.id(),
                event.ts(), fromCluster ? Optional.of(cluster.id) : Optional.empty(), signals);
        changes.add(verdict);
        for (VerdictListener listener : listeners) {
            listener.onVerdict(verdict);
        }
    }

    private Signal clusterSignal(ClusterState cluster) {
        return new Signal("cluster", RiskAssessment.clamp(cluster.risk), "member of " + cluster.id + " ("
                + cluster.members.size() + " organisations linked by " + cluster.strongestLink
                + "), scored as one principal", List.of());
    }

    /** Evicts idle organisations, caps their number, and rebuilds linkage without expired evidence. */
    private void maintain(long now) {
        List<OrgState> evict = new ArrayList<>();
        for (OrgState org : orgs.values()) {
            if (now - org.lastSecond > idleSeconds) {
                evict.add(org);
            }
        }
        int excess = orgs.size() - evict.size() - settings.maxPrincipals() * 9 / 10;
        if (excess > 0) {
            List<OrgState> byActivity = new ArrayList<>(orgs.values());
            byActivity.removeAll(new HashSet<>(evict));
            byActivity.sort(Comparator.comparingLong((OrgState o) -> o.lastSecond).thenComparingInt(o -> o.serial));
            evict.addAll(byActivity.subList(0, Math.min(excess, byActivity.size())));
        }
        for (OrgState org : evict) {
            PrincipalVerdict last = principalVerdict(org);
            if (org.inForce != Action.NONE || org.ownAction != Action.NONE) {
                retired.put(org.id, last);
            }
            if (retirementListener != null) {
                retirementListener.accept(last);
            }
            orgs.remove(org.id);
        }
        Set<OrgState> live = new HashSet<>(orgs.values());
        for (ClusterState cluster : linker.rebuild(now, live)) {
            if (cluster.action.affectsCustomer()) {
                actionedClusters.put(cluster.id, clusterVerdict(cluster));
            }
        }
    }

    /** The current verdict for one organisation, if it was seen. */
    public synchronized Optional<PrincipalVerdict> verdict(String orgId) {
        OrgState org = orgs.get(orgId);
        if (org != null) {
            return Optional.of(principalVerdict(org));
        }
        return Optional.ofNullable(retired.get(orgId));
    }

    /** Every organisation and cluster judged so far, as of the last event. */
    public synchronized AnalysisReport report() {
        Map<String, PrincipalVerdict> principals = new LinkedHashMap<>(retired);
        for (OrgState org : orgs.values()) {
            principals.put(org.id, principalVerdict(org));
        }
        Map<String, ClusterVerdict> clusters = new LinkedHashMap<>(actionedClusters);
        Set<ClusterState> seen = new HashSet<>();
        for (OrgState org : orgs.values()) {
            ClusterState cluster = ClusterLinker.clusterOf(org);
            if (cluster != null && seen.add(cluster)) {
                clusters.put(cluster.id, clusterVerdict(cluster));
            }
        }
        List<PrincipalVerdict> principalList = new ArrayList<>(principals.values());
        principalList.sort(Comparator.comparingDouble(PrincipalVerdict::risk).reversed()
                .thenComparing(PrincipalVerdict::id));
        List<ClusterVerdict> clusterList = new ArrayList<>(clusters.values());
        clusterList.sort(Comparator.comparingDouble(ClusterVerdict::risk).reversed().thenComparing(ClusterVerdict::id));
        return new AnalysisReport(eventsProcessed, principalList, clusterList);
    }

    private PrincipalVerdict principalVerdict(OrgState org) {
        ClusterState cluster = ClusterLinker.clusterOf(org);
        List<Signal> signals = new ArrayList<>();
        double risk = Math.max(org.risk, org.driftRisk);
        if (cluster != null) {
            signals.add(clusterSignal(cluster));
            risk = Math.max(risk, cluster.risk);
        }
        if (org.peakSignals != null && org.peakRisk > Math.max(org.risk, org.driftRisk)) {
            // the action rests on what was seen when it was taken, not on how the traffic looks now
            risk = Math.max(risk, org.peakRisk);
            signals.addAll(org.peakSignals);
        } else {
            signals.addAll(ownSignals(org));
        }
        return new PrincipalVerdict("org", org.id, RiskAssessment.clamp(risk), org.inForce,
                org.firstActionEvent < 0 ? OptionalLong.empty() : OptionalLong.of(org.firstActionEvent),
                Optional.ofNullable(org.firstActionTs), signals,
                cluster == null ? Optional.empty() : Optional.of(cluster.id));
    }

    private List<Signal> ownSignals(OrgState org) {
        List<Signal> signals = new ArrayList<>();
        if (org.drift != null && org.driftRisk > org.risk) {
            assessment.assess(org.drift, TrustModel.MAX);
            signals.add(new Signal("infrastructure_drift", RiskAssessment.clamp(org.driftRisk),
                    "traffic from networks and clients outside the organisation's baseline looks like harvesting "
                            + "when judged as a stranger's (a leaked or shared key)", List.of()));
        } else {
            assessment.assess(org.behaviour, org.trust);
        }
        signals.addAll(assessment.signals(org.examples));
        return signals;
    }

    private ClusterVerdict clusterVerdict(ClusterState cluster) {
        assessment.assess(cluster.aggregate, cluster.trust());
        List<Signal> signals = new ArrayList<>();
        signals.add(new Signal("linkage", Math.min(1, cluster.members.size() / 10.0), cluster.members.size()
                + " organisations linked by shared " + cluster.strongestLink, List.of()));
        signals.addAll(assessment.signals(ExampleEvents.NONE));
        return new ClusterVerdict(cluster.id, cluster.memberIds(), RiskAssessment.clamp(cluster.risk), cluster.action,
                cluster.firstActionEvent < 0 ? OptionalLong.empty() : OptionalLong.of(cluster.firstActionEvent),
                signals);
    }

    /** Organisations with full state right now (for tests of bounded memory). */
    synchronized int liveOrganisations() {
        return orgs.size();
    }

    synchronized int linkageIndexSize() {
        return linker.indexSize();
    }

    synchronized int linkageEdges() {
        return linker.edgeCount();
    }
}
