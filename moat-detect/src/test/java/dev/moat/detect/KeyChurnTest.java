package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KeyChurnTest {

    private static final long T0 = 1_793_577_600L;
    private static final long HOUR = 3_600;

    @Test
    void keysSeenOnTheFirstDayAreTheOnesTheOrganisationAlreadyHad() {
        KeyChurn churn = new KeyChurn();
        for (int key = 0; key < 12; key++) {
            churn.keySeen("key_" + key, T0 + key * HOUR);
        }
        assertThat(churn.lately(T0 + 12 * HOUR)).isZero();
    }

    @Test
    void laterKeysCountOneEachAndHalveOverADay() {
        KeyChurn churn = new KeyChurn();
        churn.keySeen("key_first", T0);
        long dayTwo = T0 + KeyChurn.DAY;
        for (int key = 0; key < 4; key++) {
            churn.keySeen("key_experiment_" + key, dayTwo + key * 3 * HOUR);
        }
        long lastKey = dayTwo + 9 * HOUR;
        assertThat(churn.lately(lastKey)).isGreaterThan(3.5).isLessThanOrEqualTo(4);
        assertThat(churn.lately(lastKey + KeyChurn.DAY)).isCloseTo(churn.lately(lastKey) / 2, within(1e-9));
    }

    @Test
    void aKeyWhoseStateWasDroppedIsNotNewWhenItComesBack() {
        KeyChurn churn = new KeyChurn();
        for (int key = 0; key < 5; key++) {
            churn.keySeen("key_weekly_" + key, T0 + key * HOUR);
        }
        for (int key = 0; key < 5; key++) {
            churn.dropped("key_weekly_" + key); // idle for longer than the detector keeps a key
        }
        long nextWeek = T0 + 7 * KeyChurn.DAY;
        for (int key = 0; key < 5; key++) {
            churn.keySeen("key_weekly_" + key, nextWeek + key * HOUR);
        }
        assertThat(churn.lately(nextWeek + 5 * HOUR)).isZero();
        churn.keySeen("key_new", nextWeek + 6 * HOUR);
        assertThat(churn.lately(nextWeek + 6 * HOUR)).isEqualTo(1);
    }
}
