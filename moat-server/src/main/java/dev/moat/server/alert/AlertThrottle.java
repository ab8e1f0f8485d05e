package dev.moat.server.alert;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets one alert of a kind through per subject and interval, so a key that keeps doing the same
 * thing produces one alert, not one per request. Bounded: when more subjects than {@code maxSubjects}
 * are tracked, the table is cleared (at worst an extra alert is raised, never one lost forever).
 */
public final class AlertThrottle {

    private final long intervalNanos;
    private final int maxSubjects;
    private final Map<String, Long> lastRaised = new ConcurrentHashMap<>();

    public AlertThrottle(Duration interval, int maxSubjects) {
        this.intervalNanos = interval.toNanos();
        this.maxSubjects = maxSubjects;
    }

    /** Whether an alert about {@code subject} should be raised now (and, if so, remembers that it was). */
    public boolean shouldRaise(String subject) {
        long now = System.nanoTime();
        if (lastRaised.size() > maxSubjects) {
            lastRaised.clear();
        }
        boolean[] raise = {false};
        lastRaised.compute(subject, (key, last) -> {
            if (last == null || now - last >= intervalNanos) {
                raise[0] = true;
                return now;
            }
            return last;
        });
        return raise[0];
    }
}
