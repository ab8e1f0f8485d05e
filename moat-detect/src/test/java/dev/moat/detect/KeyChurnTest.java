package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KeyChurnTest {

    private static final long T0 = 1_793_577_600L;

    @Test
    void keysSeenOnTheFirstDayAreTheOnesTheOrganisationAlreadyHad() {
        KeyChurn churn = new KeyChurn();
        for (int key = 0; key < 12; key++) {
            churn.newKey(T0 + key * 3_600);
        }
        assertThat(churn.lately(T0 + 12 * 3_600)).isZero();
    }

    @Test
    void laterKeysCountOneEachAndHalveOverADay() {
        KeyChurn churn = new KeyChurn();
        churn.newKey(T0);
        long dayTwo = T0 + KeyChurn.DAY;
        for (int key = 0; key < 4; key++) {
            churn.newKey(dayTwo + key * 3 * 3_600);
        }
        long lastKey = dayTwo + 9 * 3_600;
        assertThat(churn.lately(lastKey)).isGreaterThan(3.5).isLessThanOrEqualTo(4);
        assertThat(churn.lately(lastKey + KeyChurn.DAY)).isCloseTo(churn.lately(lastKey) / 2, within(1e-9));
    }
}
