package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameMatcherTest {

    private final NameMatcher matcher = new NameMatcher();
    private static final Optional<EntityType> PERSON = Optional.of(EntityType.PERSON);
    private static final Optional<EntityType> ORGANIZATION = Optional.of(EntityType.ORGANIZATION);

    @Test
    void surnameFirstListingMatchesTheGivenNameFirstQuery() {
        NameComparison c = matcher.compare("PUTIN, Vladimir Vladimirovich", "Vladimir Putin", PERSON);

        assertThat(c.match()).isTrue();
        assertThat(c.score()).isGreaterThanOrEqualTo(0.85);
        assertThat(c.parts()).extracting(TokenMatch::left, TokenMatch::right, TokenMatch::how).contains(
                org.assertj.core.groups.Tuple.tuple("vladimir", "vladimir", "exact"),
                org.assertj.core.groups.Tuple.tuple("putin", "putin", "exact"),
                org.assertj.core.groups.Tuple.tuple("vladimirovich", "", "unmatched"));
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("SURNAME, Given"));
    }

    @Test
    void cyrillicIsTransliterated() {
        NameComparison c = matcher.compare("Владимир Путин", "Vladimir Putin", PERSON);

        assertThat(c.match()).isTrue();
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("transliterated"));
    }

    @Test
    void russianLegalFormsAreTheSameThingWrittenDifferently() {
        NameComparison c = matcher.compare("OAO Gazprom", "Open Joint Stock Company Gazprom", ORGANIZATION);

        assertThat(c.match()).isTrue();
        assertThat(c.score()).isEqualTo(1.0);
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("legal forms agree"));
    }

    @Test
    void aLegalFormGluedToTheNameStillMatches() {
        NameComparison c = matcher.compare("JSC ARGUMENT", "JSCARGUMENT", ORGANIZATION);

        assertThat(c.match()).isTrue();
        assertThat(c.score()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void numbersMustAgree() {
        NameComparison c = matcher.compare("Snow Storm 1", "Snow Storm 2", Optional.of(EntityType.VESSEL));

        assertThat(c.match()).isFalse();
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("numbers differ"));
        assertThat(matcher.compare("Snow Storm 1", "Snow Storm 2", Optional.empty()).match()).isFalse();
        assertThat(matcher.compare("Fund VI", "Fund 6", ORGANIZATION).score()).isEqualTo(1.0);
    }

    @Test
    void kimJongUnIsNotKimJongMan() {
        NameComparison c = matcher.compare("Kim Jong Un", "Kim Jong Man", PERSON);

        assertThat(c.score()).isLessThan(ScreeningSettings.DEFAULTS.blockThreshold());
        assertThat(c.match()).isFalse();
        ScreeningIndex lists = ScreeningIndex.of(java.util.List.of(new ListedEntity("SDN", "1", EntityType.PERSON,
                "KIM, Jong Man", java.util.List.of(), java.util.List.of("KP"), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of())), ScreeningSettings.DEFAULTS);
        assertThat(lists.screen("Kim Jong Un").decision()).isNotEqualTo(Verdict.BLOCK);
    }

    @Test
    void differentLegalFamiliesLowerTheScore() {
        NameComparison c = matcher.compare("Deutsche Bank AG", "Deutsche Bank GmbH", ORGANIZATION);

        assertThat(c.match()).isFalse();
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("legal forms differ"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Siemens Aktiengesellschaft | Siemens AG | ORGANIZATION",
            "SiemensAG | Siemens AG | ORGANIZATION",
            "Volkswagen Gesellschaft mit beschränkter Haftung | Volkswagen GmbH | ORGANIZATION",
            "Samsung Electronics Co., Ltd. | SAMSUNG ELECTRONICS COMPANY LIMITED | ORGANIZATION",
            "Oboronnye Initsiativy o.O.O. | OOO Oboronnye Initsiativy | ORGANIZATION",
            "Stripe LLC | Stripe Limited Liability Company | ORGANIZATION",
            "A.B.C. Company | ABC Co. | ORGANIZATION",
            "Procter & Gamble Co. | Procter and Gamble Co. | ORGANIZATION",
            "U.S. Department of State | United States Department of State | ORGANIZATION",
            "Brigade Forty-Four | Brigade 44 | ORGANIZATION",
            "1st International Bank | First International Bank | ORGANIZATION",
            "Ig0r Sech1n | Igor Sechin | PERSON",
            "Mohamed bin Salman | Muhammad ibn Salman | PERSON",
            "VladimirPutin | Vladimir Putin | PERSON",
            "Nikolai Patr ushev | Nikolai Platonovich Patrushev | PERSON",
            "V. Putin | Vladimir Putin | PERSON",
            "Mr. Recep Tayyip Erdoğan | Recep Tayyip Erdogan | PERSON",
            "Aleksandar Vucic | Aleksandar Vučić | PERSON",
            "Usama bin Ladin | Osama bin Laden | PERSON",
            "Ротенберг Аркадий | Arkadii Romanovich Rotenberg | PERSON",
            "bin Salman Mohammed | Mohammed bin Salman | PERSON",
    })
    void matches(String a, String b, EntityType type) {
        assertThat(matcher.compare(a, b, Optional.of(type)).match()).as("%s ~ %s", a, b).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Octavian Scholz | Olaf Scholz | PERSON",
            "Sergey Ivanevich Lavrov | Sergey Viktorovich LAVROV | PERSON",
            "Geoffrey Boris Johnson | Alexandre Boris de Pfeffel Johnson | PERSON",
            "A. Nazarbayev | Nursultan Nazarbayev | PERSON",
            "Vladimir | Vladimir Putin | PERSON",
            "Bank of Armenia Corporation | Bank of America Corporation | ORGANIZATION",
            "Saudi Arabian Gas Company | Saudi Arabian Oil Company | ORGANIZATION",
            "ANO Iskusstvo Krasoty | LIMITED LIABILITY COMPANY ISKUSSTVO KRASOTY | ORGANIZATION",
            "习近朋 | 习近平 | PERSON",
            "김종은 | 김정은 | PERSON",
            "SALMAN BIN MUHAMMAD AL-RAWI | MUHAMMAD BIN SALMAN AL-RAWI | PERSON",
    })
    void doesNotMatch(String a, String b, EntityType type) {
        assertThat(matcher.compare(a, b, Optional.of(type)).match()).as("%s !~ %s", a, b).isFalse();
    }

    @Test
    void rejectsBlankNames() {
        assertThatThrownBy(() -> matcher.compare(" ", "x", Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name1: blank");
    }

    @Property(tries = 300)
    void aNameAlwaysMatchesItselfAndScoresStayInRange(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String a,
            @ForAll @StringLength(min = 1, max = 30) String b) {
        if (!a.isBlank()) {
            assertThat(matcher.compare(a, a, Optional.empty()).score()).isEqualTo(1.0);
        }
        if (!a.isBlank() && !b.isBlank()) {
            NameComparison c = matcher.compare(a, b, Optional.empty());
            assertThat(c.score()).isBetween(0.0, 1.0);
            assertThat(matcher.compare(a, b, Optional.empty())).isEqualTo(c);
        }
    }
}
