package dev.moat.detect;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Everything the detector keeps about one organisation: a fixed-size behaviour profile, an infrastructure
 * baseline, example events, its action state, its keys (at most {@link KeyState#MAX_PER_ORG}) and its
 * place in the union-find of {@link ClusterLinker}. Size does not depend on how much traffic the
 * organisation sends.
 */
final class OrgState {

    /**
     * The infrastructure baseline closes after this many events, or earlier once the organisation has
     * been seen for {@link #BASELINE_SECONDS} with {@link #BASELINE_MIN_EVENTS} events; later traffic from
     * elsewhere is "drift". Without the time limit an organisation sending little of its own traffic
     * keeps its baseline open for days, and a thief arriving meanwhile becomes part of it.
     */
    static final int BASELINE_EVENTS = 200;
    static final int BASELINE_MIN_EVENTS = 10;
    static final long BASELINE_SECONDS = 3600;
    private static final int BASELINE_PREFIXES = 8;
    private static final int BASELINE_AGENTS = 4;
    /** Residential, office, mobile or unclassified addresses, and hosting, VPN or Tor: the two kinds of network. */
    private static final int OPEN_NETWORK = 1;
    private static final int ANONYMISING_NETWORK = 2;

    final String id;
    final int serial;
    OrgProfile profile;
    final BehaviourProfile behaviour = new BehaviourProfile();
    /** The organisation's keys with state, least recently active first (access order). */
    final LinkedHashMap<String, KeyState> keys = new LinkedHashMap<>(4, 0.75f, true);
    final ExampleEvents examples = new ExampleEvents();
    private final long[] baselinePrefixes = new long[BASELINE_PREFIXES];
    private final long[] baselineAgents = new long[BASELINE_AGENTS];
    /** The kinds of network the baseline came from: {@link #OPEN_NETWORK} and/or {@link #ANONYMISING_NETWORK}. */
    private int baselineNetworks;
    private long baselineSince = Long.MIN_VALUE;
    long events;
    long lastSecond;
    double trust = TrustModel.UNKNOWN;
    double risk;
    /** The organisation's own action (from its own signals); sticky once at throttle or above. */
    Action ownAction = Action.NONE;
    /** The action in force: the stronger of its own and its cluster's. */
    Action inForce = Action.NONE;
    long firstActionEvent = -1;
    /** The risk and evidence when its own action last rose: what an analyst needs after traffic changed. */
    double peakRisk;
    List<Signal> peakSignals;
    final UnreviewedHarvest unreviewed = new UnreviewedHarvest();
    /** Throttled at review because new self-serve accounts together had spent their budget ({@link NewAccountReview}). */
    boolean throttledWithNewAccounts;
    /** The starts of the organisation's recent answers, kept from its first prefilled request on. */
    private ConversationThreads answers;
    /** Made at the organisation's first deterministic request under a logit bias. */
    private BiasSweep biasSweep;
    /** Made at the organisation's first short sample at temperature. */
    private SamplingCensus census;
    /** Made at the organisation's first request with its messages kept (none without content: nothing to compare). */
    private ConversationThreads conversations;
    /** Keys it started using lately: a key per few hours of work makes its keys meaningless as identities. */
    final KeyChurn keyChurn = new KeyChurn();
    /** For events without a key; a key's own are in its {@link KeyState}. */
    final ToolCallFollowUps toolCalls = new ToolCallFollowUps();
    /**
     * The sum of its keys' {@link UnreviewedHarvest} counts: harvest-like exchanges its keys received while each
     * stood at review. Spread over several keys, a harvest spends one organisation's review budget, not one per key.
     */
    int receivedByKeysAtReview;
    Instant firstActionTs;
    boolean startLinked;
    /** Events in the current run of traffic (no pause of {@link TimingSync#PAUSE_SECONDS}). */
    int runEvents;
    /** Organisations (by serial + 1) whose runs started together with this one's, and how often (Misra–Gries). */
    static final int CO_START_SLOTS = 4;
    private final int[] coStartPartners = new int[CO_START_SLOTS];
    private final int[] coStartCounts = new int[CO_START_SLOTS];

    /**
     * Whether the request's history was held here: the message before its last answer ended a recent request of the
     * organisation. A request without any earlier answer was not.
     */
    boolean heldHere(EventTraits t, long now) {
        return t.historyHash != 0 && conversations != null && conversations.ended(t.historyHash, now);
    }

    /** Whether the request repeats a recent prompt of the organisation's under a logit bias, deterministically. */
    boolean sweepsBias(EventTraits t) {
        if (!BiasSweep.candidate(t)) {
            return false;
        }
        if (biasSweep == null) {
            biasSweep = new BiasSweep();
        }
        return biasSweep.repeats(t);
    }

    /** Whether the request is a short sample of a recent prompt, in a census over many prompts. */
    boolean takesCensus(EventTraits t) {
        if (!SamplingCensus.candidate(t)) {
            return false;
        }
        if (census == null) {
            census = new SamplingCensus();
        }
        return census.probes(t);
    }

    /**
     * Whether the request's prefill begins like one of the organisation's recent answers: it continues that answer,
     * bought in pieces.
     */
    boolean continuesAnAnswer(EventTraits t, long now) {
        if (t.prefillHash == 0) {
            return false;
        }
        if (answers == null) {
            answers = new ConversationThreads(); // from the first prefill on: most organisations never send one
            return false;
        }
        return answers.ended(t.prefillHash, now);
    }

    /** Remembers how the request ended and how its answer began, for the next turn or piece. */
    void recordEnding(EventTraits t, long now) {
        if (t.endingHash == 0) {
            return;
        }
        if (conversations == null) {
            conversations = new ConversationThreads();
        }
        conversations.recordEnding(t.endingHash, now);
        if (answers != null && t.answerHash != 0) {
            answers.recordEnding(t.answerHash, now);
        }
    }

    /** Counts one more run started together with organisation {@code serial}; returns its count so far. */
    int coStart(int serial) {
        int id = serial + 1;
        int free = -1;
        for (int i = 0; i < CO_START_SLOTS; i++) {
            if (coStartPartners[i] == id && coStartCounts[i] > 0) {
                return ++coStartCounts[i];
            }
            if (free < 0 && coStartCounts[i] == 0) {
                free = i;
            }
        }
        if (free >= 0) {
            coStartPartners[free] = id;
            coStartCounts[free] = 1;
            return 1;
        }
        for (int i = 0; i < CO_START_SLOTS; i++) {
            coStartCounts[i]--;
        }
        return 0;
    }

    /** Union-find parent (itself for a root) and the cluster held by a root of two or more members. */
    OrgState parent = this;
    ClusterState cluster;
    int edges;

    /** The centre of the organisation's near-duplicate prompt sketches (linkage evidence once established). */
    final SketchCentroid sketchCentroid = new SketchCentroid();

    /** Direct-mapped cache of evidence already indexed recently, so repeated evidence costs one probe. */
    final long[] seenEvidence = new long[32];
    final long[] seenEvidenceAt = new long[32];

    OrgState(String id, int serial, OrgProfile profile) {
        this.id = id;
        this.serial = serial;
        this.profile = profile;
    }

    /**
     * Records the event's infrastructure in the baseline while it is open; true if the event is drift: from a network
     * prefix outside the baseline, and either with a client the baseline never used or from a kind of network it never
     * used (residential or office addresses where it had only servers and other hosting, or the reverse). A thief who
     * copies the owner's client library still has to send from somewhere else, and a key that only ever ran on servers
     * now answering from home broadband addresses is the shape of a key in someone else's hands; a new address of the
     * same kind with the same client is the organisation growing, and is not drift.
     */
    boolean observeInfrastructure(EventTraits t) {
        if (baselineSince == Long.MIN_VALUE) {
            baselineSince = t.epochSecond;
        }
        int network = t.anonymisedNetwork ? ANONYMISING_NETWORK : OPEN_NETWORK;
        boolean open = events <= BASELINE_EVENTS
                && (events <= BASELINE_MIN_EVENTS || t.epochSecond - baselineSince < BASELINE_SECONDS);
        if (open) {
            remember(baselinePrefixes, t.prefixHash);
            remember(baselineAgents, t.userAgentHash);
            baselineNetworks |= network;
            return false;
        }
        return !contains(baselinePrefixes, t.prefixHash)
                && (!contains(baselineAgents, t.userAgentHash) || (baselineNetworks & network) == 0);
    }

    private static void remember(long[] set, long value) {
        if (value == 0) {
            return;
        }
        for (int i = 0; i < set.length; i++) {
            if (set[i] == value) {
                return;
            }
            if (set[i] == 0) {
                set[i] = value;
                return;
            }
        }
    }

    private static boolean contains(long[] set, long value) {
        for (long v : set) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
