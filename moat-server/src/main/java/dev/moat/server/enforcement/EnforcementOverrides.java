package dev.moat.server.enforcement;

import dev.moat.detect.Action;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The action the gateway enforces: an analyst's override where one is in force, the detector's
 * action otherwise. For a request of (organisation, key) that is the key's override, else the
 * organisation's override (it covers all the organisation's keys), else the detector's
 * {@code enforcement(org, key)}; for the organisation as a whole, its override or the detector's
 * {@code enforcement(org)}. An override replaces the detector's action in both directions —
 * {@code none} lifts a detector's suspension, {@code suspend} holds whatever the detector decides
 * later — and applies in detection shadow mode too, where the detector itself enforces nothing:
 * it is a human's decision.
 *
 * <p>Read on every request, so reads are lock-free map lookups and never touch SQL: the admin side
 * loads the stored overrides at start and writes every change through (store first, then
 * {@link #put}/{@link #remove}). An override stops applying the moment its expiry passes (each
 * read compares with the clock); the expired entry is then dropped from memory here, and from the
 * table lazily by the store. Thread-safe.
 */
public final class EnforcementOverrides {

    private final Map<String, EnforcementOverride> orgs = new ConcurrentHashMap<>();
    private final Map<String, EnforcementOverride> keys = new ConcurrentHashMap<>();
    private final Function<String, Action> detectorForOrg;
    private final BiFunction<String, String, Action> detectorForKey;
    private final Clock clock;

    /**
     * @param detectorForOrg the detector's action for an organisation id (lock-free)
     * @param detectorForKey the detector's action for a request of (organisation id, key id) (lock-free)
     * @param clock          what "now" is when deciding whether an override has expired
     */
    public EnforcementOverrides(Function<String, Action> detectorForOrg, BiFunction<String, String, Action> detectorForKey,
                                Clock clock) {
        this.detectorForOrg = detectorForOrg;
        this.detectorForKey = detectorForKey;
        this.clock = clock;
    }

    /** The action enforced on an organisation as a whole (and on each of its keys without an override of its own). */
    public Action forOrg(String orgId) {
        EnforcementOverride override = current(orgs, orgId);
        return override != null ? override.action() : detectorForOrg.apply(orgId);
    }

    /** The action enforced on a request of {@code orgId} made with {@code keyId}. */
    public Action forKey(String orgId, String keyId) {
        EnforcementOverride override = current(keys, keyId);
        if (override == null) {
            override = current(orgs, orgId);
        }
        return override != null ? override.action() : detectorForKey.apply(orgId, keyId);
    }

    /** What the detector alone would enforce on the organisation (no override considered). */
    public Action detectorForOrg(String orgId) {
        return detectorForOrg.apply(orgId);
    }

    /** What the detector alone would enforce on a request of (organisation, key) (no override considered). */
    public Action detectorForKey(String orgId, String keyId) {
        return detectorForKey.apply(orgId, keyId);
    }

    /** The override in force on a subject now, if any. */
    public Optional<EnforcementOverride> current(OverrideScope scope, String subjectId) {
        return Optional.ofNullable(current(map(scope), subjectId));
    }

    /** Puts an override in force (replacing the subject's previous one); call after it is stored. */
    public void put(EnforcementOverride override) {
        map(override.scope()).put(override.subjectId(), override);
    }

    /** Loads stored overrides at start; those already expired are ignored. */
    public void putAll(Collection<EnforcementOverride> overrides) {
        overrides.stream().filter(override -> override.activeAt(clock.instant())).forEach(this::put);
    }

    /** Ends a subject's override; returns it if it was still in force. Call after it is removed from the store. */
    public Optional<EnforcementOverride> remove(OverrideScope scope, String subjectId) {
        EnforcementOverride removed = map(scope).remove(subjectId);
        return Optional.ofNullable(removed).filter(override -> override.activeAt(clock.instant()));
    }

    private Map<String, EnforcementOverride> map(OverrideScope scope) {
        return scope == OverrideScope.ORG ? orgs : keys;
    }

    /** The subject's override if it has not expired; an expired one is dropped (only if nobody replaced it meanwhile). */
    private EnforcementOverride current(Map<String, EnforcementOverride> overrides, String subjectId) {
        EnforcementOverride override = overrides.get(subjectId);
        if (override == null) {
            return null;
        }
        if (override.activeAt(clock.instant())) {
            return override;
        }
        overrides.remove(subjectId, override);
        return null;
    }
}
