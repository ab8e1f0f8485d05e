package dev.moat.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links organisations into clusters by shared evidence, incrementally, with evidence that expires.
 *
 * <h2>Design</h2>
 * Every piece of evidence an organisation shows (its payment fingerprint, a client address, a network
 * prefix, an established prompt template, ...) is hashed with its kind into an <em>evidence key</em>. An
 * index maps each key to the few organisations that showed it most recently ({@value #RECENT_PER_KEY});
 * a new organisation showing the key gets an edge to each of them. Linking to the recent ones suffices,
 * because union-find makes linkage transitive: a hydra of 500 accounts sharing one payment method
 * becomes one cluster through a chain of edges. Each edge remembers, per evidence kind, when it was last
 * seen; its weight is the sum of the {@link LinkEvidence} weights still alive. When a weight first
 * reaches one, the two organisations' sets are united at once (online), and their clusters' profiles are
 * added together.
 *
 * <p>Union-find cannot delete, so expiry works in epochs: at every {@link #rebuild} (the detector calls it
 * on a fixed event-time period) edges whose evidence expired are dropped and the sets are rebuilt from
 * the live edges only. A cluster whose evidence expired thus splits or stops attracting new members. The
 * largest part keeps the cluster's id; every part keeps the cluster's action, because enforcement is
 * sticky (an analyst, not the passage of time, lifts a suspension). Idle organisations are dropped from
 * the index at the same time, which keeps memory proportional to the live organisations.
 *
 * <p>Bounded work: an organisation re-showing evidence it showed recently costs one probe of a small
 * direct-mapped cache; only new evidence touches the index, and then at most {@value #RECENT_PER_KEY}
 * edges. Each organisation keeps at most {@value #MAX_EDGES_PER_ORG} edges.
 */
final class ClusterLinker {

    static final int RECENT_PER_KEY = 8;
    static final int MAX_EDGES_PER_ORG = 64;

    private final long ttlSeconds;
    private final Map<Long, OrgState[]> index = new HashMap<>();
    private final Map<Long, Edge> edges = new HashMap<>();
    private final List<ClusterState> merged = new ArrayList<>();
    private int nextClusterId = 1;

    ClusterLinker(long ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    static final class Edge {
        final OrgState a;
        final OrgState b;
        final long[] lastSeen = new long[LinkEvidence.values().length];

        Edge(OrgState a, OrgState b) {
            this.a = a;
            this.b = b;
            Arrays.fill(lastSeen, Long.MIN_VALUE);
        }

        double weight(long now, long ttl) {
            double weight = 0;
            for (LinkEvidence kind : LinkEvidence.values()) {
                if (lastSeen[kind.ordinal()] != Long.MIN_VALUE && now - lastSeen[kind.ordinal()] <= ttl) {
                    weight += kind.weight;
                }
            }
            return weight;
        }

        String describe(long now, long ttl) {
            StringBuilder text = new StringBuilder();
            for (LinkEvidence kind : LinkEvidence.values()) {
                if (lastSeen[kind.ordinal()] != Long.MIN_VALUE && now - lastSeen[kind.ordinal()] <= ttl) {
                    text.append(text.isEmpty() ? "" : ", ").append(kind.label);
                }
            }
            return text.toString();
        }
    }

    /**
     * Records that {@code org} showed evidence {@code value} of {@code kind} at {@code now}. Returns the
     * cluster {@code org} belongs to afterwards if this evidence united it with others, else null.
     */
    ClusterState observe(OrgState org, LinkEvidence kind, long value, long now) {
        if (value == 0) {
            return null;
        }
        long key = Hashing.combine(kind.ordinal() + 1, value);
        int slot = (int) (key & (org.seenEvidence.length - 1));
        if (org.seenEvidence[slot] == key && now - org.seenEvidenceAt[slot] < ttlSeconds / 8) {
            return null;
        }
        org.seenEvidence[slot] = key;
        org.seenEvidenceAt[slot] = now;
        OrgState[] recent = index.computeIfAbsent(key, k -> new OrgState[RECENT_PER_KEY]);
        ClusterState joined = null;
        int empty = -1;
        int self = -1;
        for (int i = 0; i < recent.length; i++) {
            OrgState other = recent[i];
            if (other == null) {
                if (empty < 0) {
                    empty = i;
                }
                continue;
            }
            if (other == org) {
                self = i;
                continue;
            }
            ClusterState result = evidence(org, other, kind, now);
            if (result != null) {
                joined = result;
            }
        }
        if (self < 0) {
            // the least recently active entry makes room; later organisations link through the newer ones
            int at = empty;
            if (at < 0) {
                at = 0;
                for (int i = 1; i < recent.length; i++) {
                    if (recent[i].lastSecond < recent[at].lastSecond) {
                        at = i;
                    }
                }
            }
            recent[at] = org;
        }
        return joined;
    }

    /**
     * Records evidence seen between two particular organisations (such as a hand-off of traffic), which
     * has no value of its own to index. Returns the cluster {@code org} belongs to if this united them.
     */
    ClusterState observePair(OrgState org, OrgState other, LinkEvidence kind, long now) {
        return evidence(org, other, kind, now);
    }

    private ClusterState evidence(OrgState org, OrgState other, LinkEvidence kind, long now) {
        long pair = org.serial < other.serial
                ? ((long) org.serial << 32) | other.serial
                : ((long) other.serial << 32) | org.serial;
        Edge edge = edges.get(pair);
        if (edge == null) {
            if (org.edges >= MAX_EDGES_PER_ORG || other.edges >= MAX_EDGES_PER_ORG) {
                return null;
            }
            edge = new Edge(org, other);
            edges.put(pair, edge);
            org.edges++;
            other.edges++;
        }
        edge.lastSeen[kind.ordinal()] = now;
        if (edge.weight(now, ttlSeconds) >= LinkEvidence.LINK_AT && find(org) != find(other)) {
            return union(org, other, edge.describe(now, ttlSeconds));
        }
        return null;
    }

    static OrgState find(OrgState org) {
        OrgState root = org;
        while (root.parent != root) {
            root = root.parent;
        }
        while (org.parent != root) {
            OrgState next = org.parent;
            org.parent = root;
            org = next;
        }
        return root;
    }

    /** The cluster of {@code org}, or null while it is linked to no one. */
    static ClusterState clusterOf(OrgState org) {
        return find(org).cluster;
    }

    private ClusterState union(OrgState a, OrgState b, String link) {
        OrgState ra = find(a);
        OrgState rb = find(b);
        ClusterState ca = ra.cluster;
        ClusterState cb = rb.cluster;
        int sizeA = ca == null ? 1 : ca.members.size();
        int sizeB = cb == null ? 1 : cb.members.size();
        OrgState root = sizeA >= sizeB ? ra : rb;
        OrgState child = root == ra ? rb : ra;
        ClusterState keep = root.cluster;
        ClusterState gone = child.cluster;
        if (keep == null) {
            keep = newCluster();
            keep.addMember(root);
        }
        if (gone == null) {
            keep.addMember(child);
        } else {
            keep.absorb(gone);
        }
        child.parent = root;
        child.cluster = null;
        root.cluster = keep;
        keep.strongestLink = link;
        return keep;
    }

    private ClusterState newCluster() {
        return new ClusterState(String.format("cl_%06d", nextClusterId++));
    }

    /**
     * Drops expired edges and idle organisations ({@code live} holds the ones to keep) and rebuilds the
     * sets from the live edges. Returns every cluster that exists afterwards.
     */
    List<ClusterState> rebuild(long now, Set<OrgState> live) {
        Iterator<Edge> edgeIterator = edges.values().iterator();
        while (edgeIterator.hasNext()) {
            Edge edge = edgeIterator.next();
            if (!live.contains(edge.a) || !live.contains(edge.b) || edge.weight(now, ttlSeconds) == 0) {
                edge.a.edges--;
                edge.b.edges--;
                edgeIterator.remove();
            }
        }
        Iterator<Map.Entry<Long, OrgState[]>> keys = index.entrySet().iterator();
        while (keys.hasNext()) {
            OrgState[] recent = keys.next().getValue();
            boolean any = false;
            for (int i = 0; i < recent.length; i++) {
                if (recent[i] != null && (!live.contains(recent[i]) || now - recent[i].lastSecond > ttlSeconds)) {
                    recent[i] = null;
                }
                any |= recent[i] != null;
            }
            if (!any) {
                keys.remove();
            }
        }
        Map<OrgState, ClusterState> previous = new HashMap<>();
        for (OrgState org : live) {
            ClusterState cluster = clusterOf(org);
            if (cluster != null) {
                previous.put(org, cluster);
            }
        }
        for (OrgState org : live) {
            org.parent = org;
            org.cluster = null;
        }
        for (Edge edge : edges.values()) {
            OrgState ra = find(edge.a);
            OrgState rb = find(edge.b);
            if (ra != rb && edge.weight(now, ttlSeconds) >= LinkEvidence.LINK_AT) {
                ra.parent = rb;
            }
        }
        Map<OrgState, List<OrgState>> components = new HashMap<>();
        for (OrgState org : live) {
            components.computeIfAbsent(find(org), r -> new ArrayList<>()).add(org);
        }
        List<ClusterState> clusters = new ArrayList<>();
        Set<ClusterState> reused = new HashSet<>();
        List<List<OrgState>> ordered = new ArrayList<>(components.values());
        // deterministic order: largest components first, ties by the first member's serial
        ordered.sort((x, y) -> x.size() != y.size() ? y.size() - x.size()
                : Integer.compare(minSerial(x), minSerial(y)));
        for (List<OrgState> component : ordered) {
            if (component.size() < 2) {
                continue;
            }
            component.sort((x, y) -> Integer.compare(x.serial, y.serial));
            ClusterState cluster = inherit(component, previous, reused);
            cluster.members.clear();
            cluster.members.addAll(component);
            cluster.rebuildAggregate();
            find(component.get(0)).cluster = cluster;
            clusters.add(cluster);
        }
        return clusters;
    }

    /** The cluster a rebuilt component continues: the previous cluster most of it belonged to. */
    private ClusterState inherit(List<OrgState> component, Map<OrgState, ClusterState> previous,
                                 Set<ClusterState> reused) {
        Map<ClusterState, Integer> votes = new HashMap<>();
        Action action = Action.NONE;
        long firstAction = -1;
        String link = "";
        for (OrgState org : component) {
            ClusterState before = previous.get(org);
            if (before != null) {
                votes.merge(before, 1, Integer::sum);
                action = action.atLeast(before.action);
                if (before.firstActionEvent >= 0 && (firstAction < 0 || before.firstActionEvent < firstAction)) {
                    firstAction = before.firstActionEvent;
                }
                link = before.strongestLink;
            }
        }
        ClusterState best = null;
        int bestVotes = 0;
        for (OrgState org : component) {
            ClusterState candidate = previous.get(org);
            if (candidate != null && !reused.contains(candidate) && votes.get(candidate) > bestVotes) {
                best = candidate;
                bestVotes = votes.get(candidate);
            }
        }
        ClusterState cluster = best != null ? best : newCluster();
        reused.add(cluster);
        cluster.action = action.atLeast(cluster.action);
        cluster.firstActionEvent = firstAction >= 0 ? firstAction : cluster.firstActionEvent;
        if (cluster.strongestLink.isEmpty()) {
            cluster.strongestLink = link;
        }
        return cluster;
    }

    private static int minSerial(List<OrgState> orgs) {
        int min = Integer.MAX_VALUE;
        for (OrgState org : orgs) {
            min = Math.min(min, org.serial);
        }
        return min;
    }

    int indexSize() {
        return index.size();
    }

    int edgeCount() {
        return edges.size();
    }
}
