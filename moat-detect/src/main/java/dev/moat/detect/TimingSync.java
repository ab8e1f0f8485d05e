package dev.moat.detect;

import java.util.Arrays;

/**
 * Finds synchronised timing between organisations, in two forms:
 * <ul>
 *   <li><b>Hand-offs</b> (load balancing): an organisation starts a run of traffic within a few minutes of
 *       another one's sustained run stopping — a campaign spreading one job over many accounts working one
 *       after the other (slots tiling the day), so each stays small and under its limits.</li>
 *   <li><b>Lock-step</b>: two organisations start their runs of traffic in the same few minutes, again
 *       and again — one controller dispatching rounds of work to many accounts at once.</li>
 * </ul>
 *
 * <p>How: two rings of the last {@value #BUCKETS} two-minute buckets keep, per bucket, up to
 * {@value #PER_BUCKET} organisations: those whose sustained run (at least {@value #SUSTAINED} events
 * without a pause of {@value #PAUSE_SECONDS} seconds) had its latest event there, and those that started
 * a run there. When an organisation starts a run (its first event, or its first after a pause), the
 * stopped runs of the current and the previous bucket are its hand-off partners, and the runs started
 * there count one more co-start with each of their organisations; a partner reaching
 * {@value #LOCK_STEP_STARTS} co-starts is a lock-step partner. Fixed size, whatever the traffic (co-starts
 * are counted per organisation in a summary of {@value OrgState#CO_START_SLOTS} partners); a stale entry is
 * recognised by its organisation's last event no longer lying in the bucket.
 *
 * <p>Why only sustained runs hand off, and only repeated co-starts count: people stop and start chatting
 * all day, and every single coincidence would be "timing". Even so, unrelated customers coincide (two
 * nightly jobs on the same schedule), so timing is weak evidence ({@link LinkEvidence#SYNC_TIMING}) that
 * links only together with other evidence.
 */
final class TimingSync {

    static final int BUCKET_SECONDS = 120;
    static final int BUCKETS = 8;
    static final int PER_BUCKET = 8;
    /** A pause at least this long ends a run of traffic. */
    static final long PAUSE_SECONDS = 600;
    /** Events in a run before its end counts as a machine stopping. */
    static final int SUSTAINED = 20;
    /** The other organisation must have been silent at least this long: stopped, not between two requests. */
    static final long MIN_SILENCE = 30;
    /** Runs started in the same few minutes this often make two organisations lock-step partners. */
    static final int LOCK_STEP_STARTS = 3;

    private final OrgState[][] stopped = new OrgState[BUCKETS][PER_BUCKET];
    private final long[] stoppedBucket = new long[BUCKETS];
    private final OrgState[][] started = new OrgState[BUCKETS][PER_BUCKET];
    private final long[] startedBucket = new long[BUCKETS];

    /**
     * Records the event of {@code org} at {@code now} (call before {@code org.lastSecond} is updated); when
     * it starts a run, fills {@code partners} with the organisations that handed off to it or run in
     * lock-step with it, and returns their number.
     */
    int observe(OrgState org, long now, long previousSecond, boolean firstEvent, OrgState[] partners) {
        long bucket = now / BUCKET_SECONDS;
        int found = 0;
        if (firstEvent || now - previousSecond >= PAUSE_SECONDS) {
            org.runEvents = 0;
            for (long b = bucket - 1; b <= bucket; b++) {
                int slot = (int) Math.floorMod(b, (long) BUCKETS);
                if (stoppedBucket[slot] == b) {
                    for (OrgState other : stopped[slot]) {
                        // silent since: its last event still lies in the bucket it was filed under
                        if (other != null && other != org && other.lastSecond / BUCKET_SECONDS == b
                                && now - other.lastSecond >= MIN_SILENCE && found < partners.length) {
                            partners[found++] = other;
                        }
                    }
                }
                if (startedBucket[slot] == b) {
                    for (OrgState other : started[slot]) {
                        // counted on both sides: either may be the later of the two in a round
                        if (other != null && other != org
                                && Math.max(org.coStart(other.serial), other.coStart(org.serial)) >= LOCK_STEP_STARTS
                                && found < partners.length) {
                            partners[found++] = other;
                        }
                    }
                }
            }
            file(started, startedBucket, org, bucket, false);
        }
        org.runEvents++;
        if (org.runEvents >= SUSTAINED) {
            file(stopped, stoppedBucket, org, bucket, true);
        }
        return found;
    }

    private static void file(OrgState[][] ring, long[] ringBucket, OrgState org, long bucket, boolean byLastEvent) {
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (ringBucket[slot] != bucket) {
            ringBucket[slot] = bucket;
            Arrays.fill(ring[slot], null);
        }
        OrgState[] entries = ring[slot];
        int free = -1;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == org) {
                return;
            }
            if (free < 0 && (entries[i] == null || byLastEvent && entries[i].lastSecond / BUCKET_SECONDS != bucket)) {
                free = i;
            }
        }
        if (free >= 0) {
            entries[free] = org;
        }
    }

    /** Forgets an organisation whose state is dropped. */
    void forget(OrgState org) {
        for (OrgState[][] ring : new OrgState[][][] {stopped, started}) {
            for (OrgState[] entries : ring) {
                for (int i = 0; i < entries.length; i++) {
                    if (entries[i] == org) {
                        entries[i] = null;
                    }
                }
            }
        }
    }
}
