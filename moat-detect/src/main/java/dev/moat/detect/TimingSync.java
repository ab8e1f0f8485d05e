package dev.moat.detect;

/**
 * Finds load-balanced hand-offs: an organisation starting a sustained run of traffic within a few
 * minutes of another one's sustained run stopping — the pattern of a campaign that spreads one job over
 * many accounts working one after the other (slots tiling the day), so each stays small and under its
 * limits.
 *
 * <p>How: a ring of the last {@value #BUCKETS} two-minute buckets keeps, per bucket, up to
 * {@value #PER_BUCKET} organisations whose sustained run (at least {@value #SUSTAINED} events without a
 * pause of {@value #PAUSE_SECONDS} seconds) had its latest event in that bucket. When an organisation
 * starts a run (its first event, or its first after a pause), the organisations of the current and the
 * previous bucket that have been silent since are its hand-off partners. Fixed size, whatever the
 * traffic; a stale entry is recognised by its organisation's last event no longer lying in the bucket.
 *
 * <p>Why only sustained runs: people stop and start chatting all day, and every such coincidence would
 * be "timing"; machines working through a budget run for many requests and then stop. Even so, a hand-off
 * happens by chance between unrelated customers, so it is weak evidence ({@link LinkEvidence#SYNC_TIMING})
 * that links only together with other evidence.
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

    private final OrgState[][] ring = new OrgState[BUCKETS][PER_BUCKET];
    private final long[] ringBucket = new long[BUCKETS];

    /**
     * Records the event of {@code org} at {@code now} (call before {@code org.lastSecond} is updated); when
     * it starts a run, fills {@code partners} with the organisations that handed off to it and returns
     * their number.
     */
    int observe(OrgState org, long now, long previousSecond, boolean firstEvent, OrgState[] partners) {
        boolean starts = firstEvent || now - previousSecond >= PAUSE_SECONDS;
        int found = 0;
        long bucket = now / BUCKET_SECONDS;
        if (starts) {
            org.runEvents = 0;
            for (long b = bucket - 1; b <= bucket && found < partners.length; b++) {
                int slot = (int) Math.floorMod(b, (long) BUCKETS);
                if (ringBucket[slot] != b) {
                    continue;
                }
                for (OrgState other : ring[slot]) {
                    // silent since: its last event still lies in the bucket it was filed under
                    if (other != null && other != org && other.lastSecond / BUCKET_SECONDS == b
                            && now - other.lastSecond >= MIN_SILENCE && found < partners.length) {
                        partners[found++] = other;
                    }
                }
            }
        }
        org.runEvents++;
        if (org.runEvents >= SUSTAINED) {
            file(org, bucket);
        }
        return found;
    }

    private void file(OrgState org, long bucket) {
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (ringBucket[slot] != bucket) {
            ringBucket[slot] = bucket;
            java.util.Arrays.fill(ring[slot], null);
        }
        OrgState[] entries = ring[slot];
        int free = -1;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == org) {
                return;
            }
            if (free < 0 && (entries[i] == null || entries[i].lastSecond / BUCKET_SECONDS != bucket)) {
                free = i;
            }
        }
        if (free >= 0) {
            entries[free] = org;
        }
    }

    /** Forgets an organisation whose state is dropped. */
    void forget(OrgState org) {
        for (OrgState[] entries : ring) {
            for (int i = 0; i < entries.length; i++) {
                if (entries[i] == org) {
                    entries[i] = null;
                }
            }
        }
    }
}
