package dev.moat.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moat.detect.Action;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Which action is enforced when analysts' overrides and the detector disagree. */
class EnforcementOverridesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Action[] OVERRIDABLE = {Action.NONE, Action.THROTTLE, Action.DEGRADE, Action.SUSPEND};

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = NOW;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The detector's view: an action per organisation and, stronger where given, per key (as the real detector combines them). */
    private static final class DetectorView {
        final Map<String, Action> orgs = new HashMap<>();
        final Map<String, Action> keys = new HashMap<>();

        Action forOrg(String org) {
            return orgs.getOrDefault(org, Action.NONE);
        }

        Action forKey(String org, String key) {
            return forOrg(org).atLeast(keys.getOrDefault(key, Action.NONE));
        }
    }

    private final HandClock clock = new HandClock();
    private final DetectorView detector = new DetectorView();
    private final EnforcementOverrides overrides = new EnforcementOverrides(detector::forOrg, detector::forKey, clock);

    private static EnforcementOverride override(OverrideScope scope, String id, Action action, Duration lasting) {
        return new EnforcementOverride(scope, id, action, "ticket T-1", NOW, NOW.plus(lasting));
    }

    @Test
    void withoutOverridesTheDetectorDecides() {
        detector.orgs.put("org_a", Action.THROTTLE);
        detector.keys.put("key_leaked", Action.SUSPEND);

        assertThat(overrides.forOrg("org_a")).isEqualTo(Action.THROTTLE);
        assertThat(overrides.forKey("org_a", "key_leaked")).isEqualTo(Action.SUSPEND);
        assertThat(overrides.forKey("org_a", "key_own")).isEqualTo(Action.THROTTLE);
    }

    @Test
    void noneLiftsADetectorSuspensionOfTheOrganisationAndAllItsKeys() {
        detector.orgs.put("org_a", Action.SUSPEND);
        detector.keys.put("key_leaked", Action.SUSPEND);
        overrides.put(override(OverrideScope.ORG, "org_a", Action.NONE, Duration.ofDays(30)));

        assertThat(overrides.forOrg("org_a")).isEqualTo(Action.NONE);
        assertThat(overrides.forKey("org_a", "key_leaked")).isEqualTo(Action.NONE);
        assertThat(overrides.forKey("org_a", "key_own")).isEqualTo(Action.NONE);
        assertThat(overrides.detectorForKey("org_a", "key_leaked")).isEqualTo(Action.SUSPEND);
    }

    @Test
    void aStrongerOverrideHoldsWhileTheDetectorSaysNone() {
        overrides.put(override(OverrideScope.KEY, "key_campaign", Action.SUSPEND, Duration.ofDays(30)));
        overrides.put(override(OverrideScope.ORG, "org_b", Action.DEGRADE, Duration.ofDays(30)));

        assertThat(overrides.forKey("org_a", "key_campaign")).isEqualTo(Action.SUSPEND);
        assertThat(overrides.forOrg("org_a")).isEqualTo(Action.NONE);
        assertThat(overrides.forOrg("org_b")).isEqualTo(Action.DEGRADE);
        assertThat(overrides.forKey("org_b", "key_b")).isEqualTo(Action.DEGRADE);
    }

    @Test
    void aKeysOverrideBeatsItsOrganisationsInBothDirections() {
        overrides.put(override(OverrideScope.ORG, "org_a", Action.SUSPEND, Duration.ofDays(30)));
        overrides.put(override(OverrideScope.KEY, "key_batch", Action.NONE, Duration.ofDays(30)));
        overrides.put(override(OverrideScope.ORG, "org_b", Action.NONE, Duration.ofDays(30)));
        overrides.put(override(OverrideScope.KEY, "key_resold", Action.THROTTLE, Duration.ofDays(30)));

        assertThat(overrides.forKey("org_a", "key_batch")).isEqualTo(Action.NONE);
        assertThat(overrides.forKey("org_a", "key_other")).isEqualTo(Action.SUSPEND);
        assertThat(overrides.forKey("org_b", "key_resold")).isEqualTo(Action.THROTTLE);
        assertThat(overrides.forOrg("org_b")).isEqualTo(Action.NONE);
    }

    @Test
    void anOverrideStopsApplyingTheMomentItExpires() {
        detector.orgs.put("org_a", Action.SUSPEND);
        overrides.put(override(OverrideScope.ORG, "org_a", Action.NONE, Duration.ofHours(1)));

        clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(overrides.forKey("org_a", "key_a")).isEqualTo(Action.NONE);
        assertThat(overrides.current(OverrideScope.ORG, "org_a")).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(overrides.forKey("org_a", "key_a")).isEqualTo(Action.SUSPEND);
        assertThat(overrides.forOrg("org_a")).isEqualTo(Action.SUSPEND);
        assertThat(overrides.current(OverrideScope.ORG, "org_a")).isEmpty();
    }

    @Test
    void anExpiredKeyOverrideFallsBackToTheOrganisationsOverride() {
        overrides.put(override(OverrideScope.ORG, "org_a", Action.THROTTLE, Duration.ofDays(30)));
        overrides.put(override(OverrideScope.KEY, "key_a", Action.SUSPEND, Duration.ofDays(1)));
        assertThat(overrides.forKey("org_a", "key_a")).isEqualTo(Action.SUSPEND);

        clock.advance(Duration.ofDays(2));

        assertThat(overrides.forKey("org_a", "key_a")).isEqualTo(Action.THROTTLE);
    }

    @Test
    void removingAnOverrideGivesTheDetectorItsSayBack() {
        detector.keys.put("key_a", Action.DEGRADE);
        overrides.put(override(OverrideScope.KEY, "key_a", Action.NONE, Duration.ofDays(30)));
        assertThat(overrides.forKey("org_a", "key_a")).isEqualTo(Action.NONE);

        Optional<EnforcementOverride> removed = overrides.remove(OverrideScope.KEY, "key_a");

        assertThat(removed).map(EnforcementOverride::action).contains(Action.NONE);
        assertThat(overrides.forKey("org_a", "key_a")).isEqualTo(Action.DEGRADE);
        assertThat(overrides.remove(OverrideScope.KEY, "key_a")).isEmpty();
    }

    @Test
    void expiredOverridesAreNotLoaded() {
        overrides.putAll(java.util.List.of(override(OverrideScope.ORG, "org_old", Action.SUSPEND, Duration.ofDays(1)),
                override(OverrideScope.ORG, "org_new", Action.SUSPEND, Duration.ofDays(10))));
        clock.advance(Duration.ofDays(2));
        EnforcementOverrides reloaded = new EnforcementOverrides(detector::forOrg, detector::forKey, clock);
        reloaded.putAll(java.util.List.of(override(OverrideScope.ORG, "org_old", Action.SUSPEND, Duration.ofDays(1)),
                override(OverrideScope.ORG, "org_new", Action.SUSPEND, Duration.ofDays(10))));

        assertThat(reloaded.current(OverrideScope.ORG, "org_old")).isEmpty();
        assertThat(reloaded.forOrg("org_new")).isEqualTo(Action.SUSPEND);
    }

    @Test
    void flagAndReviewCannotBeImposedAndANoteIsRequired() {
        assertThatThrownBy(() -> override(OverrideScope.ORG, "org_a", Action.REVIEW, Duration.ofDays(1)))
                .hasMessageContaining("expected none, throttle, degrade or suspend");
        assertThatThrownBy(() -> new EnforcementOverride(OverrideScope.ORG, "org_a", Action.NONE, " ", NOW, NOW.plusSeconds(1)))
                .hasMessageContaining("note");
        assertThatThrownBy(() -> new EnforcementOverride(OverrideScope.ORG, "org_a", Action.NONE, "why", NOW, NOW))
                .hasMessageContaining("expiresAt");
    }

    /**
     * Whatever the detector says and whichever overrides exist: a live key override decides, else a live
     * organisation override, else the detector; and an expired override is as if it never existed.
     */
    @Property(tries = 400)
    void theKeyBeatsTheOrganisationWhichBeatsTheDetector(@ForAll @IntRange(min = 0, max = 5) int detectorOrg,
                                                         @ForAll @IntRange(min = 0, max = 5) int detectorKey,
                                                         @ForAll @IntRange(min = -1, max = 3) int orgOverride,
                                                         @ForAll @IntRange(min = -1, max = 3) int keyOverride,
                                                         @ForAll boolean orgExpired, @ForAll boolean keyExpired) {
        HandClock hand = new HandClock();
        DetectorView view = new DetectorView();
        view.orgs.put("org_a", Action.values()[detectorOrg]);
        view.keys.put("key_a", Action.values()[detectorKey]);
        EnforcementOverrides subject = new EnforcementOverrides(view::forOrg, view::forKey, hand);
        if (orgOverride >= 0) {
            subject.put(override(OverrideScope.ORG, "org_a", OVERRIDABLE[orgOverride], Duration.ofHours(orgExpired ? 1 : 3)));
        }
        if (keyOverride >= 0) {
            subject.put(override(OverrideScope.KEY, "key_a", OVERRIDABLE[keyOverride], Duration.ofHours(keyExpired ? 1 : 3)));
        }
        hand.advance(Duration.ofHours(2));

        boolean orgLive = orgOverride >= 0 && !orgExpired;
        boolean keyLive = keyOverride >= 0 && !keyExpired;
        Action expectedForKey = keyLive ? OVERRIDABLE[keyOverride]
                : orgLive ? OVERRIDABLE[orgOverride] : view.forKey("org_a", "key_a");
        Action expectedForOrg = orgLive ? OVERRIDABLE[orgOverride] : view.forOrg("org_a");
        assertThat(subject.forKey("org_a", "key_a")).isEqualTo(expectedForKey);
        assertThat(subject.forOrg("org_a")).isEqualTo(expectedForOrg);
        assertThat(subject.forKey("org_a", "key_other")).isEqualTo(orgLive ? OVERRIDABLE[orgOverride] : view.forOrg("org_a"));
    }
}
