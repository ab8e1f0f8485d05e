package dev.moat.detect;

import java.util.random.RandomGenerator;

/**
 * When a campaign's accounts sign up: in waves of a drawn size, each wave some time after the previous one
 * (never after {@code lastWave}), every account within {@code spread} of its wave's start. A hydra's operators
 * create accounts in batches rather than one by one; the simulator's hydra kinds share this shape with their
 * own sizes and gaps. Draws from the planner's random generator in a fixed order, so a seed gives one plan.
 */
final class SignupWaves {

    private final RandomGenerator random;
    private final long lastWave;
    private final int minSize;
    private final int sizeSpread;
    private final double maxGapDays;
    private final long spread;
    private long waveTime;
    private int waveLeft;

    /**
     * @param firstWave  when the first wave starts (the gap before it is drawn as for the others)
     * @param minSize    fewest accounts in a wave; a wave has {@code minSize + random.nextInt(sizeSpread)}
     * @param maxGapDays longest time between two waves' starts, in days (the gap is uniform up to it)
     * @param spread     how long a wave lasts
     */
    SignupWaves(RandomGenerator random, long firstWave, long lastWave, int minSize, int sizeSpread, double maxGapDays,
                long spread) {
        this.random = random;
        this.waveTime = firstWave;
        this.lastWave = lastWave;
        this.minSize = minSize;
        this.sizeSpread = sizeSpread;
        this.maxGapDays = maxGapDays;
        this.spread = spread;
    }

    /** The sign-up time of the next account. */
    long next() {
        if (waveLeft == 0) {
            waveLeft = minSize + random.nextInt(sizeSpread);
            waveTime = Math.min(lastWave, waveTime + (long) (random.nextDouble() * maxGapDays * TrafficCadence.DAY));
        }
        waveLeft--;
        return waveTime + random.nextLong(spread);
    }
}
