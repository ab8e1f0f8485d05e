package dev.moat.detect;

import java.util.SplittableRandom;
import java.util.function.LongPredicate;

/**
 * When a simulated client sends its next request. Each implementation is one rhythm seen in real
 * traffic: people in sessions during their working day, jobs that run at night at a steady rate,
 * apps that follow their users' day, evaluation runs that sweep a dataset once, and harvesters that
 * run around the clock, in rotating slots, or slowly under every limit.
 *
 * <p>Times are epoch milliseconds. {@link #following} returns {@link Long#MAX_VALUE} when the client
 * has nothing more to send.
 */
sealed interface TrafficCadence {

    long DAY = 86_400_000L;
    long HOUR = 3_600_000L;
    long MINUTE = 60_000L;

    /** The first request at or after {@code start}. */
    long first(long start, SplittableRandom random);

    /**
     * The request after one sent at {@code now}; {@code continues} says whether that request's
     * conversation or task goes on.
     */
    long following(long now, boolean continues, SplittableRandom random);

    /**
     * How busy people are at a given local time: working hours are busy, evenings quieter, nights
     * and weekends nearly empty.
     */
    static double workingDayWeight(long millis, int utcOffsetHours) {
        long local = millis + utcOffsetHours * HOUR;
        int hour = (int) Math.floorMod(local / HOUR, 24);
        int weekday = (int) Math.floorMod(local / DAY + 3, 7); // 1970-01-01 was a Thursday; 0 = Monday
        double hourly = hour >= 9 && hour < 18 ? 1.0 : hour >= 7 && hour < 23 ? 0.35 : 0.04;
        return weekday >= 5 ? hourly * 0.25 : hourly;
    }

    /**
     * The next moment after {@code now} of a Poisson stream at {@code perHour} that keeps only the moments
     * {@code keeps} accepts (drawn after each gap, so it may draw too), or {@link Long#MAX_VALUE} once past
     * {@code end}.
     */
    private static long thinned(long now, long end, double perHour, SplittableRandom random, LongPredicate keeps) {
        long candidate = now;
        while (candidate < end) {
            candidate += exponential(HOUR / perHour, random);
            if (keeps.test(candidate)) {
                return candidate < end ? candidate : Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE;
    }

    /** An exponential wait with the given mean, at least one second. */
    static long exponential(double meanMillis, SplittableRandom random) {
        return Math.max(1_000L, (long) (-Math.log(1.0 - random.nextDouble()) * meanMillis));
    }

    /** A log-normal wait around {@code medianMillis}, at least half a second. */
    static long logNormal(double medianMillis, double sigma, SplittableRandom random) {
        return Math.max(500L, (long) (medianMillis * Math.exp(sigma * gaussian(random))));
    }

    static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * A person (or an agent driven by one) working in sessions: a session starts at a random time
     * weighted by the working day, its requests follow each other after a think time, and it ends
     * when the conversation does.
     */
    record Sessions(long end, double sessionsPerWorkingHour, double medianThinkMillis, int utcOffsetHours)
            implements TrafficCadence {

        @Override
        public long first(long start, SplittableRandom random) {
            return nextSession(start, random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            long next = continues ? now + logNormal(medianThinkMillis, 0.9, random) : nextSession(now, random);
            return next < end ? next : Long.MAX_VALUE;
        }

        /** Thinning: candidates at the busiest rate, kept in proportion to the working-day weight. */
        private long nextSession(long now, SplittableRandom random) {
            long candidate = now;
            while (candidate < end) {
                candidate += exponential(HOUR / sessionsPerWorkingHour, random);
                if (random.nextDouble() < workingDayWeight(candidate, utcOffsetHours)) {
                    return candidate;
                }
            }
            return Long.MAX_VALUE;
        }
    }

    /** Requests that follow the users of an app: a Poisson stream whose rate follows the working day. */
    record Diurnal(long end, double perWorkingHour, int utcOffsetHours) implements TrafficCadence {

        @Override
        public long first(long start, SplittableRandom random) {
            return following(start, false, random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            return thinned(now, end, perWorkingHour, random,
                    candidate -> random.nextDouble() < workingDayWeight(candidate, utcOffsetHours));
        }
    }

    /**
     * A job that runs once a day from a fixed hour, sending {@code itemsPerRun} requests at a steady
     * rate with little jitter.
     */
    record DailyRun(long end, int startHourUtc, int itemsPerRun, double perMinute) implements TrafficCadence {

        @Override
        public long first(long start, SplittableRandom random) {
            long dayStart = Math.floorDiv(start, DAY) * DAY + startHourUtc * HOUR;
            return dayStart >= start ? dayStart : dayStart + DAY;
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            long runStart = Math.floorDiv(now - startHourUtc * HOUR, DAY) * DAY + startHourUtc * HOUR;
            long runEnd = runStart + (long) (itemsPerRun * MINUTE / perMinute);
            long next = now + (long) (MINUTE / perMinute * (0.9 + 0.2 * random.nextDouble()));
            if (next >= runEnd) {
                next = runStart + DAY + random.nextInt(60_000);
            }
            return next < end ? next : Long.MAX_VALUE;
        }
    }

    /**
     * Steady requests between {@code from} and {@code until}, as from a script in a loop: the
     * interval varies by {@code jitter} around its mean, and the script may pause for a while.
     */
    record Steady(long from, long until, double perMinute, double jitter, double pauseChance)
            implements TrafficCadence {

        @Override
        public long first(long start, SplittableRandom random) {
            long first = Math.max(start, from) + random.nextLong((long) (MINUTE / perMinute) + 1);
            return first < until ? first : Long.MAX_VALUE;
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            double interval = MINUTE / perMinute * (1 - jitter + 2 * jitter * random.nextDouble());
            long next = now + Math.max(50L, (long) interval);
            if (random.nextDouble() < pauseChance) {
                next += exponential(20 * MINUTE, random);
            }
            return next < until ? next : Long.MAX_VALUE;
        }
    }

    /**
     * A member of a load-balanced pool: it works only in its own slot of each day (slots of the
     * pool's accounts tile the day so that the campaign as a whole runs around the clock), steadily
     * and just under its per-minute limit, until its budget of requests is spent.
     */
    final class Slots implements TrafficCadence {
        private final long from;
        private final long until;
        private final long slotOffset;
        private final long slotLength;
        private final double perMinute;
        private final int budget;
        private int sent;

        Slots(long from, long until, long slotOffset, long slotLength, double perMinute, int budget) {
            this.from = from;
            this.until = until;
            this.slotOffset = slotOffset;
            this.slotLength = slotLength;
            this.perMinute = perMinute;
            this.budget = budget;
        }

        @Override
        public long first(long start, SplittableRandom random) {
            return inSlot(Math.max(start, from), random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            if (++sent >= budget) {
                return Long.MAX_VALUE;
            }
            return inSlot(now + (long) (MINUTE / perMinute * (0.85 + 0.3 * random.nextDouble())), random);
        }

        private long inSlot(long candidate, SplittableRandom random) {
            long dayStart = Math.floorDiv(candidate - slotOffset, DAY) * DAY + slotOffset;
            long next = candidate < dayStart + slotLength ? candidate : dayStart + DAY + random.nextInt(30_000);
            return next < until ? next : Long.MAX_VALUE;
        }
    }

    /**
     * Another cadence that only begins at {@code from}: a client that appears part-way through the period (a thief
     * from the moment a key leaked) and then keeps the rhythm of {@code cadence}.
     */
    record Starting(long from, TrafficCadence cadence) implements TrafficCadence {

        @Override
        public long first(long start, SplittableRandom random) {
            return cadence.first(Math.max(start, from), random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            return cadence.following(now, continues, random);
        }
    }

    /**
     * One sitting and no more: {@code requests} requests from {@code from}, each after a think time around
     * {@code medianThinkMillis} (a few seconds when the last one's conversation or retry goes on), then nothing —
     * someone trying an API once and never coming back. A sitting that would have begun before the period is not
     * seen at all.
     */
    final class Sitting implements TrafficCadence {
        private final long from;
        private final int requests;
        private final double medianThinkMillis;
        private int sent;

        Sitting(long from, int requests, double medianThinkMillis) {
            if (requests < 1) {
                throw new IllegalArgumentException("requests: " + requests + " (expected: >= 1)");
            }
            this.from = from;
            this.requests = requests;
            this.medianThinkMillis = medianThinkMillis;
        }

        @Override
        public long first(long start, SplittableRandom random) {
            return from >= start ? from : Long.MAX_VALUE;
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            if (++sent >= requests) {
                return Long.MAX_VALUE;
            }
            return now + logNormal(continues ? Math.min(8_000, medianThinkMillis) : medianThinkMillis, 0.8, random);
        }
    }

    /**
     * An app's users arriving from {@code from} at a rate that follows the working day and grows by {@code dailyGrowth}
     * a day: a prototype finding its first users. Thinning against the rate a day ahead, restarted every day (a
     * Poisson stream can be restarted at any point), so a fast-growing rate costs no more draws than a flat one.
     */
    record Growing(long from, long end, double perWorkingHour, double dailyGrowth, int utcOffsetHours)
            implements TrafficCadence {

        @Override
        public long first(long start, SplittableRandom random) {
            return following(Math.max(start, from), false, random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            long candidate = now;
            while (candidate < end) {
                long horizon = candidate + DAY;
                double bound = rate(horizon);
                long next = candidate + exponential(HOUR / bound, random);
                if (next >= horizon) {
                    candidate = horizon;
                    continue;
                }
                candidate = next;
                if (random.nextDouble() < rate(candidate) * workingDayWeight(candidate, utcOffsetHours) / bound) {
                    return candidate < end ? candidate : Long.MAX_VALUE;
                }
            }
            return Long.MAX_VALUE;
        }

        private double rate(long millis) {
            return perWorkingHour * Math.pow(dailyGrowth, Math.max(0, millis - from) / (double) DAY);
        }
    }

    /**
     * Requests only in the quiet hours of someone else's day: a Poisson stream at {@code perQuietHour} that keeps only
     * the moments when a working day at {@code utcOffsetHours} is nearly empty (weekday nights, weekends) — a thief on a
     * leaked key who stays out of the owner's sight.
     */
    record QuietHours(long end, double perQuietHour, int utcOffsetHours) implements TrafficCadence {

        /** Below this working-day weight nobody at the owner's is at work: weekday nights and the weekend. */
        static final double QUIET = 0.3;

        @Override
        public long first(long start, SplittableRandom random) {
            return following(start, false, random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            return thinned(now, end, perQuietHour, random,
                    candidate -> workingDayWeight(candidate, utcOffsetHours) < QUIET);
        }
    }

    /**
     * A person working in sessions only inside office hours: a session starts at a random moment of a weekday between
     * {@code fromHour} and {@code untilHour} local time (never in the evening, at night or at the weekend), its requests
     * follow each other after a think time, and it ends when the task does. Written for the held-out set holdout14 (a
     * team that works its own region's business day and hands over to the next region).
     */
    record OfficeHours(long end, double sessionsPerHour, double medianThinkMillis, int utcOffsetHours, int fromHour,
                       int untilHour) implements TrafficCadence {

        public OfficeHours {
            if (fromHour < 0 || untilHour > 24 || fromHour >= untilHour) {
                throw new IllegalArgumentException("fromHour: " + fromHour + ", untilHour: " + untilHour
                        + " (expected: 0 <= fromHour < untilHour <= 24)");
            }
        }

        @Override
        public long first(long start, SplittableRandom random) {
            return following(start, false, random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            long next = continues ? now + logNormal(medianThinkMillis, 0.7, random)
                    : thinned(now, end, sessionsPerHour, random, this::open);
            return next < end ? next : Long.MAX_VALUE;
        }

        /** Whether {@code millis} is in office hours: a weekday, between the two hours of the local day. */
        boolean open(long millis) {
            long local = millis + utcOffsetHours * HOUR;
            int hour = (int) Math.floorMod(local / HOUR, 24);
            int weekday = (int) Math.floorMod(local / DAY + 3, 7); // 0 = Monday
            return weekday < 5 && hour >= fromHour && hour < untilHour;
        }
    }

    /**
     * Another cadence cut off after {@code requests} requests: a script that walks its list once and exits, however
     * its pace varied on the way.
     */
    final class Counted implements TrafficCadence {
        private final TrafficCadence cadence;
        private final int requests;
        private int sent;

        Counted(TrafficCadence cadence, int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("requests: " + requests + " (expected: >= 1)");
            }
            this.cadence = cadence;
            this.requests = requests;
        }

        @Override
        public long first(long start, SplittableRandom random) {
            return cadence.first(start, random);
        }

        @Override
        public long following(long now, boolean continues, SplittableRandom random) {
            return ++sent >= requests ? Long.MAX_VALUE : cadence.following(now, continues, random);
        }
    }
}
