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
 * The online detector: consumes usage events in order and keeps, per organisation, per API key of an
 * organisation and per cluster of linked organisations, a fixed-size behaviour profile, a risk in [0,1]
 * and an action chosen by the thresholds of {@link DetectorSettings}. Every change of an organisation's
 * or a key's action is told to the {@link VerdictListener}s synchronously, inside {@link #accept}, so the
 * gateway can apply it to the very next request.
 *
 * <h2>Per event</h2>
 * <ol>
 *   <li>{@link EventTraitsReader} reduces the event to traits (one scan of the prompt).</li>
 *   <li>The organisation's profile, its cluster's aggregate and the key's profile absorb the traits; so
 *       does the key's drift profile when a trusted organisation's traffic comes from infrastructure
 *       outside its baseline.</li>
 *   <li>{@link ClusterLinker} records the event's linkage evidence and may unite clusters; members of an
 *       actioned cluster that a new member joins pass its action on at once.</li>
 *   <li>{@link RiskAssessment} scores the organisation and its cluster (the organisation's action in force
 *       is the stronger of the two), then the key (its own traffic under the organisation's trust, its
 *       drift as a stranger's). Actions of {@code throttle} and above are sticky; {@code flag} and
 *       {@code review} follow the current risk.</li>
 * </ol>
 * A key's own action stops a leaked or resold key without touching the organisation's other keys; the
 * gateway asks {@link #enforcement(String, String)} for the strongest action that applies to a request.
 *
 * <h2>Bounded memory</h2>
 * State is per organisation, per key (at most {@link KeyState#MAX_PER_ORG} per organisation; the least
 * recently active makes room), per cluster and per evidence key, each of fixed size. On a fixed event-time
 * period (a quarter of the link lifetime, at most an hour) the detector drops organisations and keys idle
 * for longer than {@link DetectorSettings#idleEviction()}, expires linkage, and, if more than
 * {@link DetectorSettings#maxPrincipals()} organisations are live, drops the least recently active. A
 * dropped organisation or key keeps only its last verdict (a few hundred bytes) for reports, and only if
 * it was ever flagged or stronger; its action is restored if it returns.
 *
 * <h2>Threads</h2>
 * {@link #accept}, {@link #report} and {@link #verdict} are synchronised and may be called from any
 * thread (the gateway feeds events from one consumer thread). Both {@code enforcement} methods read
 * concurrent maps and never block: they are meant for the request path.
 */
public final class Detector {

    private static final long MAX_REBUILD_PERIOD = 3600;
    /** Report order: riskiest first; on equal risk an organisation before its keys. */
    static final Comparator<PrincipalVerdict> REPORT_ORDER = Comparator.comparingDouble(PrincipalVerdict::risk)
            .reversed().thenComparing(p -> p.org().orElse("")).thenComparing(PrincipalVerdict::id);

    private final DetectorSettings settings;
    private final EventTraitsReader traitsReader;
    private final RiskAssessment assessment = new RiskAssessment();
    private final Map<String, OrgProfile> profiles = new HashMap<>();
    private final Map<String, OrgState> orgs = new LinkedHashMap<>();
    private final Map<String, PrincipalVerdict> retired = new LinkedHashMap<>();
    private final Map<String, ClusterVerdict> actionedClusters = new LinkedHashMap<>();
    private final Map<String, Action> enforcement = new ConcurrentHashMap<>();
    /** Keys with an action of their own, by key id (with the organisation, so a key id alone grants nothing). */
    private final Map<String, KeyAction> keyEnforcement = new ConcurrentHashMap<>();
    private final Map<String, PrincipalVerdict> retiredKeys = new LinkedHashMap<>();
    private final List<VerdictListener> listeners = new CopyOnWriteArrayList<>();
    private final ClusterLinker linker;
    private final TimingSync timing = new TimingSync();
    private final NewAccountReview newAccounts = new NewAccountReview();
    private final OrgState[] timingPartners = new OrgState[8];
    private final long rebuildPeriod;
    private final long idleSeconds;
    private Consumer<PrincipalVerdict> retirementListener;
    private long nextRebuild = Long.MIN_VALUE;
    private long eventsProcessed;
    private int nextSerial;

    public Detector(DetectorSettings settings) {
        this(settings, BenchmarkItems.NONE);
    }

    /**
     * A detector that recognises the items of {@code benchmarks}: traffic made almost entirely of them is an
     * evaluation and is flagged at most (see {@link BenchmarkItems}).
     */
    public Detector(DetectorSettings settings, BenchmarkItems benchmarks) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: null (expected: DetectorSettings.defaults() or a variant)");
        }
        if (benchmarks == null) {
            throw new IllegalArgumentException("benchmarks: null (expected: BenchmarkItems.NONE or registered items)");
        }
        this.settings = settings;
        this.traitsReader = new EventTraitsReader(benchmarks);
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

    /**
     * The action the gateway must apply to a request of {@code orgId} made with {@code keyId} now: the
     * strongest of the organisation's, its cluster's and the key's own ({@code NONE} when unknown, and
     * always in shadow mode). Lock-free; safe on the request path.
     */
    public Action enforcement(String orgId, String keyId) {
        Action org = enforcement.getOrDefault(orgId, Action.NONE);
        KeyAction key = keyEnforcement.get(keyId);
        return key != null && key.orgId().equals(orgId) ? org.atLeast(key.action()) : org;
    }

    /** A key's own action, remembered with the organisation it belongs to. */
    private record KeyAction(String orgId, Action action) {
    }

    /** Consumes the next event (events must come in order); returns the verdict changes it caused. */
    public List<Verdict> accept(UsageEvent event) {
        return accept(event, Optional.empty());
    }

    /**
     * Consumes the next event with the reading the gateway's guard made of its prompt, so the prompt is not
     * scanned again; the reading is ignored unless it was made from the texts the event carries.
     */
    public synchronized List<Verdict> accept(UsageEvent event, Optional<PromptReading> reading) {
        long index = eventsProcessed++;
        EventTraits t = traitsReader.read(event, reading);
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
        long previousSecond = org.lastSecond;
        int synchronised = timing.observe(org, now, previousSecond, org.events == 0, timingPartners);
        org.events++;
        org.lastSecond = now;
        KeyState key = event.keyId().isEmpty() ? null : key(org, event.keyId(), now);
        // a function-calling opening is a conversation's first step only if the sender carries its conversations on
        ToolCallFollowUps toolCalls = key != null ? key.toolCalls : org.toolCalls;
        toolCalls.observe(t);
        if (t.toolOpening && toolCalls.neverContinued()) {
            t.singleShot = true;
        }
        // a prefill continuing the organisation's own recent answer is a piece of one answer bought in pieces: short
        // budgets one at a time are, together, no budget at all, and the pieces together are the answer
        if (org.continuesAnAnswer(t, now)) {
            t.maxTokensHigh = true;
            t.answeredLong = true;
            t.generatedContent = true;
        }
        // a history that never passed through here is one request dressed as a conversation, and is judged as one
        if (t.historyJudged && !t.toolFollowUp && !org.heldHere(t, now)) {
            t.singleShot = true;
            t.longCompletion = t.answeredLong && t.generatedContent;
        }
        org.recordEnding(t, now);
        // without logprobs, the output layer is read by searching a bias on one prompt until its token wins
        if (org.sweepsBias(t)) {
            t.logitProbe = true;
        }
        // without a bias either, by counting: short samples of prompt after prompt, each taken again and again
        if (org.takesCensus(t)) {
            t.logitProbe = true;
        }
        // traffic of a key already stopped on its own no longer counts against its organisation's other keys
        if (!stoppedKeysTraffic(key, org)) {
            org.behaviour.add(t);
            org.examples.record(t, event.id());
        }
        org.trust = TrustModel.trust(org.profile, now, org.behaviour.anonymised / org.behaviour.events,
                org.keyChurn.lately(now));
        boolean drift = org.observeInfrastructure(t) && org.trust < TrustModel.UNKNOWN;
        if (key != null) {
            key.events++;
            key.lastSecond = now;
            key.behaviour.add(t);
            key.examples.record(t, event.id());
            if (drift) {
                if (key.drift == null) {
                    key.drift = new BehaviourProfile();
                }
                key.drift.add(t);
            }
        }
        ClusterState cluster = ClusterLinker.clusterOf(org);
        if (cluster != null) {
            cluster.aggregate.add(t);
            cluster.addTrust(org.trust, 1);
        }

        ClusterState joined = link(org, t, now);
        for (int i = 0; i < synchronised; i++) {
            OrgState partner = timingPartners[i];
            if (orgs.get(partner.id) == partner) {
                joined = pick(joined, linker.observePair(org, partner, LinkEvidence.SYNC_TIMING, now));
            }
        }
        List<Verdict> changes = new ArrayList<>(0);
        if (joined != null) {
            cluster = joined;
        }

        org.risk = assessment.assess(org.behaviour, org.trust).risk;
        // the key first: when one key explains the organisation's risk, the key takes the action
        boolean harvestLike = UnreviewedHarvest.harvestLike(t);
        if (key != null) {
            judgeKey(key, org, index, event, harvestLike, changes);
        }
        Action assessed = settings.actionFor(org.risk, tierOf(org));
        Action own = capped(assessed, org.events, org.behaviour);
        if (own.affectsCustomer() && !org.ownAction.affectsCustomer() && explainedByStoppedKey(org)) {
            own = Action.REVIEW;
        } else {
            // what a key stopped on its own receives is already acted on: it spends no review budget of the others'
            boolean received = org.unreviewed.observe(assessed, harvestLike && !stoppedKeysTraffic(key, org)) > 0;
            own = escalated(own, org.unreviewed, org.events, settings.reviewHarvestBudget(tierOf(org)));
            own = escalatedWithNewAccounts(own, org, received, now);
        }
        if (own.compareTo(org.ownAction) > 0 && (org.risk >= org.peakRisk || own.compareTo(assessed) > 0)) {
            org.peakRisk = Math.max(org.peakRisk, org.risk);
            org.peakSignals = ownSignals(org);
        }
        org.ownAction = org.ownAction.affectsCustomer() ? org.ownAction.atLeast(own) : own;

        if (cluster != null) {
            Action before = cluster.action;
            scoreCluster(cluster, index, harvestLike);
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

    /** Whether this is traffic of a key stopped on its own, which its organisation's other keys do not answer for. */
    private static boolean stoppedKeysTraffic(KeyState key, OrgState org) {
        // with a single key, the key is the organisation, and everything counts
        return key != null && key.action.affectsCustomer() && org.keys.size() >= 2 && org.behaviour.events > 0;
    }

    /**
     * Whether a key of a several-key organisation, already stopped on its own, looks at least as much like
     * harvesting as the organisation does now: its traffic, counted in the organisation's profile before it
     * was stopped, explains the organisation's risk, and stopping the key is the proportionate action — the
     * organisation's other keys go on, and the organisation stays at review for an analyst. The key is
     * compared at full confidence (its shape, not its event count): the organisation's other, ordinary
     * traffic raises the organisation's confidence without adding any evidence. When the organisation scores
     * higher than that, the rest of its traffic adds evidence of its own and it is judged on it.
     */
    private static boolean explainedByStoppedKey(OrgState org) {
        if (org.keys.size() < 2) {
            return false;
        }
        for (KeyState key : org.keys.values()) {
            if (key.action.affectsCustomer() && key.shapeRisk >= org.risk) {
                return true;
            }
        }
        return false;
    }

    /** The key's state, made (or restored from its retired verdict) on first sight; the idlest key makes room. */
    private KeyState key(OrgState org, String keyId, long now) {
        KeyState key = org.keys.get(keyId);
        if (key != null) {
            return key;
        }
        org.keyChurn.keySeen(keyId, now);
        if (org.keys.size() >= KeyState.MAX_PER_ORG) {
            KeyState idlest = org.keys.values().iterator().next();
            dropKey(org, idlest);
            org.keys.remove(idlest.id);
        }
        key = new KeyState(keyId, org.id);
        PrincipalVerdict before = retiredKeys.get(keyId);
        if (before != null && before.org().equals(Optional.of(org.id))) {
            retiredKeys.remove(keyId);
        }
        if (before != null && before.org().equals(Optional.of(org.id)) && before.action().affectsCustomer()) {
            key.action = before.action();
            key.firstActionEvent = before.firstActionEvent().orElse(-1);
            key.firstActionTs = before.firstActionTs().orElse(null);
        }
        org.keys.put(keyId, key);
        return key;
    }

    /**
     * Scores the key on its own traffic (under its organisation's trust) and on its drift (as a
     * stranger's), and reports a change of the key's own action. Like an organisation's, the key's action
     * is sticky from throttle up and needs {@code minEventsForAction} events of the key.
     */
    private void judgeKey(KeyState key, OrgState org, long index, UsageEvent event, boolean harvestLike,
                          List<Verdict> changes) {
        // a key that carried every event of its organisation has the organisation's very profile: same score
        boolean wholeOrganisation = org.keys.size() == 1 && key.events == org.events;
        if (wholeOrganisation) {
            key.risk = org.risk;
        } else {
            key.risk = assessment.assess(key.behaviour, org.trust).risk;
            key.shapeRisk = assessment.shapeRisk;
        }
        if (key.drift != null) {
            key.driftRisk = assessment.assess(key.drift, TrustModel.MAX).risk;
            key.shapeRisk = Math.max(key.shapeRisk, assessment.shapeRisk);
        }
        double risk = key.ownRisk();
        Action assessed = settings.actionFor(risk, tierOf(org));
        org.receivedByKeysAtReview += key.unreviewed.observe(assessed, harvestLike);
        Action own = escalated(capped(assessed, key.events, key.behaviour), key.unreviewed, key.events,
                settings.reviewHarvestBudget(tierOf(org)));
        if (own == Action.REVIEW && key.events >= settings.minEventsForAction() && keysSpentReviewBudget(org)) {
            own = Action.THROTTLE;
        }
        if (own.compareTo(key.action) > 0 && (risk >= key.peakRisk || own.compareTo(assessed) > 0)) {
            key.peakRisk = Math.max(key.peakRisk, risk);
            key.peakSignals = keySignals(key, org);
        }
        Action next = key.action.affectsCustomer() ? key.action.atLeast(own) : own;
        if (next == key.action) {
            return;
        }
        Action previous = key.action;
        key.action = next;
        if (next.affectsCustomer() && key.firstActionEvent < 0) {
            key.firstActionEvent = index;
            key.firstActionTs = event.ts();
        }
        if (!settings.shadowMode()) {
            if (next == Action.NONE) {
                keyEnforcement.remove(key.id);
            } else {
                keyEnforcement.put(key.id, new KeyAction(org.id, next));
            }
        }
        if (!addsToOrganisation(next, org) && !addsToOrganisation(previous, org)) {
            return; // the organisation's own verdict already says it for all its keys
        }
        Verdict verdict = new Verdict(org.id, risk, next, previous, !settings.shadowMode(), index, event.id(),
                event.ts(), Optional.empty(), keySignals(key, org), Optional.of(key.id));
        changes.add(verdict);
        for (VerdictListener listener : listeners) {
            listener.onVerdict(verdict);
        }
    }

    /** The organisation's tier, whose settings (if there are any for it) judge it and its keys. */
    private static Optional<String> tierOf(OrgState org) {
        return org.profile == null ? Optional.empty() : org.profile.tier();
    }

    /** Whether the keys of {@code org} at review have together received the review harvest budget. */
    private boolean keysSpentReviewBudget(OrgState org) {
        int budget = settings.reviewHarvestBudget(tierOf(org));
        return budget > 0 && org.receivedByKeysAtReview >= budget;
    }

    /** Whether a key's action says more than its organisation's action in force. */
    private static boolean addsToOrganisation(Action keyAction, OrgState org) {
        return keyAction.compareTo(org.inForce) > 0;
    }

    /**
     * Whether a key earned a judgement of its own: an action stronger than its organisation's, or a
     * customer-affecting action before its organisation's. Other keys share their organisation's verdict.
     */
    private static boolean judgedApart(KeyState key, OrgState org) {
        return addsToOrganisation(key.action, org) || key.firstActionEvent >= 0
                && (org.firstActionEvent < 0 || key.firstActionEvent < org.firstActionEvent);
    }

    /**
     * Before a key's state is removed from its organisation: keeps its last verdict (see {@link #retireKey}) and takes
     * what it received at review out of the organisation's shared review budget, which counts only keys with state.
     */
    private void dropKey(OrgState org, KeyState key) {
        retireKey(key);
        org.keyChurn.dropped(key.id);
        org.receivedByKeysAtReview -= key.unreviewed.received();
    }

    /** Keeps the last verdict of a key whose state is dropped, if it earned a judgement of its own. */
    private void retireKey(KeyState key) {
        OrgState org = orgs.get(key.orgId);
        if (org != null && judgedApart(key, org)) {
            PrincipalVerdict last = keyVerdict(key, org);
            retiredKeys.put(key.id, last);
            if (retirementListener != null) {
                retirementListener.accept(last);
            }
        }
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
            if (startsAsNewAccount(p, now)) {
                joined = pick(joined, linker.observe(org, LinkEvidence.START_TIME, now / 600 + 1, now));
            }
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
        // a perturbed template: the centre of the organisation's near-duplicate sketches, once established,
        // is evidence by its bands; a template counts once whether it is shared exactly or nearly
        if (t.sketch != 0 && org.behaviour.lastNearDuplicate) {
            org.sketchCentroid.add(t.sketch);
            if (org.sketchCentroid.due()) {
                long centre = org.sketchCentroid.centre();
                for (int band = 0; band < SketchCentroid.BANDS; band++) {
                    joined = pick(joined, linker.observe(org, LinkEvidence.TEMPLATE, SketchCentroid.band(centre, band),
                            now));
                }
            }
        }
        return joined;
    }

    private static final double ESTABLISHED_TEMPLATE = 3;
    private static final long NEW_ACCOUNT_SECONDS = 2 * 86_400;

    /**
     * Whether an organisation's first traffic is the start of a new account: created at most two days before, or
     * of unknown age. An established account's first event here is merely when observation began — the gateway's
     * deployment, the start of an exported window — and every established customer "starts" then together.
     */
    private static boolean startsAsNewAccount(OrgProfile profile, long now) {
        return profile == null || profile.createdAt().isEmpty()
                || now - profile.createdAt().get().getEpochSecond() <= NEW_ACCOUNT_SECONDS;
    }

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
    private void scoreCluster(ClusterState cluster, long index, boolean harvestLike) {
        double content = assessment.assess(cluster.aggregate, cluster.trust()).risk;
        double coordination = 0.3 * Math.min(1, (cluster.members.size() - 1) / 4.0);
        cluster.risk = RiskAssessment.noisyOr(content, coordination * content);
        Action assessed = settings.actionFor(cluster.risk);
        // a cluster is one principal: its members' harvest at review adds up against one budget
        cluster.unreviewed.observe(assessed, harvestLike);
        Action action = escalated(capped(assessed, (long) cluster.aggregate.events, cluster.aggregate),
                cluster.unreviewed, (long) cluster.aggregate.events, settings.reviewHarvestBudget());
        cluster.action = cluster.action.affectsCustomer() ? cluster.action.atLeast(action) : action;
        if (cluster.action.affectsCustomer() && cluster.firstActionEvent < 0) {
            cluster.firstActionEvent = index;
        }
    }

    /** Review whose harvest budget is spent becomes a throttle (see {@link UnreviewedHarvest}). */
    private Action escalated(Action action, UnreviewedHarvest unreviewed, long events, int budget) {
        if (action == Action.REVIEW && events >= settings.minEventsForAction()
                && unreviewed.spent(budget)) {
            return Action.THROTTLE;
        }
        return action;
    }

    /**
     * A new self-serve account at review answers for one review budget together with every other (see
     * {@link NewAccountReview}); a tier whose review is left to analysts (budget 0) is left to them here too.
     *
     * @param received whether this event added to the account's own harvest at review
     */
    private Action escalatedWithNewAccounts(Action action, OrgState org, boolean received, long now) {
        int budget = settings.newAccountReviewBudget();
        if (budget == 0 || settings.reviewHarvestBudget(tierOf(org)) == 0
                || !TrustModel.newSelfServe(org.profile, now)) {
            return action;
        }
        if (received) {
            newAccounts.add(now);
        }
        if (action == Action.REVIEW && org.events >= settings.minEventsForAction()
                && newAccounts.spent(now, budget)) {
            org.throttledWithNewAccounts = true;
            return Action.THROTTLE;
        }
        return action;
    }

    /**
     * Flag at most for traffic that is an evaluation over registered benchmarks (see {@link BenchmarkItems});
     * review at most for a principal with too few events to act on.
     */
    private Action capped(Action action, long events, BehaviourProfile behaviour) {
        if (behaviour.evaluatesBenchmarks() && action.compareTo(Action.FLAG) > 0) {
            return Action.FLAG;
        }
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
        double risk = fromCluster ? cluster.risk : org.risk;
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
            for (KeyState key : org.keys.values()) {
                retireKey(key);
            }
            PrincipalVerdict last = principalVerdict(org);
            if (org.inForce != Action.NONE || org.ownAction != Action.NONE) {
                retired.put(org.id, last);
            }
            if (retirementListener != null) {
                retirementListener.accept(last);
            }
            orgs.remove(org.id);
            timing.forget(org);
        }
        for (OrgState org : orgs.values()) {
            org.keys.values().removeIf(key -> {
                boolean idle = now - key.lastSecond > idleSeconds;
                if (idle) {
                    dropKey(org, key);
                }
                return idle;
            });
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

    /** The current verdict for one key of an organisation (the key's own judgement), if it was seen. */
    public synchronized Optional<PrincipalVerdict> verdict(String orgId, String keyId) {
        OrgState org = orgs.get(orgId);
        KeyState key = org == null ? null : org.keys.get(keyId);
        if (key != null) {
            return Optional.of(keyVerdict(key, org));
        }
        PrincipalVerdict retiredKey = retiredKeys.get(keyId);
        return retiredKey != null && retiredKey.org().equals(Optional.of(orgId)) ? Optional.of(retiredKey)
                : Optional.empty();
    }

    /** Every organisation and cluster judged so far, as of the last event. */
    public synchronized AnalysisReport report() {
        Map<String, PrincipalVerdict> principals = new LinkedHashMap<>(retired);
        principals.putAll(retiredKeys);
        for (OrgState org : orgs.values()) {
            principals.put(org.id, principalVerdict(org));
            for (KeyState key : org.keys.values()) {
                if (judgedApart(key, org)) {
                    principals.put(key.id, keyVerdict(key, org));
                }
            }
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
        principalList.sort(Detector.REPORT_ORDER);
        List<ClusterVerdict> clusterList = new ArrayList<>(clusters.values());
        clusterList.sort(Comparator.comparingDouble(ClusterVerdict::risk).reversed().thenComparing(ClusterVerdict::id));
        return new AnalysisReport(eventsProcessed, principalList, clusterList);
    }

    private PrincipalVerdict principalVerdict(OrgState org) {
        ClusterState cluster = ClusterLinker.clusterOf(org);
        List<Signal> signals = new ArrayList<>();
        double risk = org.risk;
        if (cluster != null) {
            signals.add(clusterSignal(cluster));
            risk = Math.max(risk, cluster.risk);
        }
        if (org.peakSignals != null && org.peakRisk > org.risk) {
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
        assessment.assess(org.behaviour, org.trust);
        List<Signal> signals = assessment.signals(org.examples);
        if (org.unreviewed.spent(settings.reviewHarvestBudget(tierOf(org)))) {
            signals.addFirst(org.unreviewed.signal());
        } else if (org.throttledWithNewAccounts) {
            signals.addFirst(newAccounts.signal());
        }
        return signals;
    }

    private List<Signal> keySignals(KeyState key, OrgState org) {
        List<Signal> signals = new ArrayList<>();
        if (key.drift != null && key.driftRisk > key.risk) {
            assessment.assess(key.drift, TrustModel.MAX);
            signals.add(new Signal("infrastructure_drift", RiskAssessment.clamp(key.driftRisk),
                    "this key's traffic from networks and clients outside the organisation's baseline looks like "
                            + "harvesting when judged as a stranger's (a leaked or resold key)", List.of()));
        } else {
            assessment.assess(key.behaviour, org == null ? TrustModel.UNKNOWN : org.trust);
        }
        signals.addAll(assessment.signals(key.examples));
        int budget = org == null ? settings.reviewHarvestBudget() : settings.reviewHarvestBudget(tierOf(org));
        if (key.unreviewed.spent(budget)) {
            signals.addFirst(key.unreviewed.signal());
        } else if (org != null && key.unreviewed.received() > 0 && keysSpentReviewBudget(org)) {
            signals.addFirst(UnreviewedHarvest.pooledSignal(org.receivedByKeysAtReview));
        }
        return signals;
    }

    private PrincipalVerdict keyVerdict(KeyState key, OrgState org) {
        List<Signal> signals;
        double risk = key.ownRisk();
        if (key.peakSignals != null && key.peakRisk > risk) {
            risk = key.peakRisk;
            signals = key.peakSignals;
        } else {
            signals = keySignals(key, org);
        }
        return new PrincipalVerdict("key", key.id, RiskAssessment.clamp(risk), key.action,
                key.firstActionEvent < 0 ? OptionalLong.empty() : OptionalLong.of(key.firstActionEvent),
                Optional.ofNullable(key.firstActionTs), signals, Optional.empty(), Optional.of(key.orgId));
    }

    private ClusterVerdict clusterVerdict(ClusterState cluster) {
        assessment.assess(cluster.aggregate, cluster.trust());
        List<Signal> signals = new ArrayList<>();
        signals.add(new Signal("linkage", Math.min(1, cluster.members.size() / 10.0), cluster.members.size()
                + " organisations linked by shared " + cluster.strongestLink, List.of()));
        if (cluster.unreviewed.spent(settings.reviewHarvestBudget())) {
            signals.add(cluster.unreviewed.signal());
        }
        signals.addAll(assessment.signals(ExampleEvents.NONE));
        return new ClusterVerdict(cluster.id, cluster.memberIds(), RiskAssessment.clamp(cluster.risk), cluster.action,
                cluster.firstActionEvent < 0 ? OptionalLong.empty() : OptionalLong.of(cluster.firstActionEvent),
                signals);
    }

    /** Organisations with full state right now (for tests of bounded memory). */
    synchronized int liveOrganisations() {
        return orgs.size();
    }

    /** Keys with full state right now, over all live organisations (for tests of bounded memory). */
    synchronized int liveKeys() {
        int keys = 0;
        for (OrgState org : orgs.values()) {
            keys += org.keys.size();
        }
        return keys;
    }

    synchronized int linkageIndexSize() {
        return linker.indexSize();
    }

    synchronized int linkageEdges() {
        return linker.edgeCount();
    }
}
