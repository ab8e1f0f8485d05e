package dev.moat.detect;

/**
 * The risks at which the graduated actions start, non-decreasing in the order of the actions: a principal whose
 * risk reaches {@code throttle} but not {@code degrade} is throttled, and so on.
 */
public record Thresholds(double flag, double review, double throttle, double degrade, double suspend) {

    public Thresholds {
        checkUnit("flag", flag);
        checkUnit("review", review);
        checkUnit("throttle", throttle);
        checkUnit("degrade", degrade);
        checkUnit("suspend", suspend);
        if (!(flag <= review && review <= throttle && throttle <= degrade && degrade <= suspend)) {
            throw new IllegalArgumentException("thresholds: flag " + flag + ", review " + review + ", throttle "
                    + throttle + ", degrade " + degrade + ", suspend " + suspend
                    + " (expected: non-decreasing in that order)");
        }
    }

    /** The action these thresholds give to a risk. */
    public Action actionFor(double risk) {
        return actionFor(risk, flag, review, throttle, degrade, suspend);
    }

    /** The same as {@link #actionFor(double)} without making the record (the detector asks once per event). */
    static Action actionFor(double risk, double flag, double review, double throttle, double degrade, double suspend) {
        if (risk >= suspend) {
            return Action.SUSPEND;
        }
        if (risk >= degrade) {
            return Action.DEGRADE;
        }
        if (risk >= throttle) {
            return Action.THROTTLE;
        }
        if (risk >= review) {
            return Action.REVIEW;
        }
        if (risk >= flag) {
            return Action.FLAG;
        }
        return Action.NONE;
    }

    private static void checkUnit(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: in (0, 1])");
        }
    }
}
