package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScreeningIndexTest {

    private final ScreeningIndex lists = SharedData.allLists();

    @Test
    void blocksListedPartiesByTheirNamesAndAliases() {
        ScreeningDecision bank = lists.screen(ScreeningQuery.of("Banco Nacional de Cuba").withType(EntityType.ORGANIZATION));
        assertThat(bank.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(bank.matches().getFirst().entity().sourceId()).isEqualTo("306");
        assertThat(bank.matches().getFirst().parts()).extracting(TokenMatch::how).containsOnly("exact");

        ScreeningDecision alias = lists.screen("National Bank of Cuba");
        assertThat(alias.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(alias.matches().getFirst().matchedName()).isEqualTo("NATIONAL BANK OF CUBA");

        ScreeningDecision rosneft = lists.screen(ScreeningQuery.of("Rosneft Trade Ltd").withType(EntityType.ORGANIZATION));
        assertThat(rosneft.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(rosneft.matches().getFirst().entity().list()).isEqualTo("SSI");
    }

    @Test
    void findsTransliteratedAndReorderedNames() {
        ScreeningDecision d = lists.screen(ScreeningQuery.of("Usama bin Ladin").withType(EntityType.PERSON));

        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(d.matches()).anySatisfy(m -> assertThat(m.entity().name()).startsWith("BIN LADIN"));
    }

    @Test
    void clearsUnrelatedNames() {
        assertThat(lists.screen(ScreeningQuery.of("Microsoft Corporation").withType(EntityType.ORGANIZATION)).decision())
                .isEqualTo(Verdict.CLEAR);
        assertThat(lists.screen(ScreeningQuery.of("Anthropic PBC").withType(EntityType.ORGANIZATION)).decision())
                .isEqualTo(Verdict.CLEAR);
    }

    @Test
    void dateOfBirthAndCountryMoveTheScore() {
        ScreeningQuery rim = ScreeningQuery.of("Rim Ryong Nam").withType(EntityType.PERSON);
        double plain = topScore(rim, "RIM, Ryong Nam");
        double agreeing = topScore(rim.withDateOfBirth("1978-12-05").withCountry("KP"), "RIM, Ryong Nam");
        double contradicting = topScore(rim.withDateOfBirth("1990-01-01"), "RIM, Ryong Nam");

        assertThat(agreeing).isGreaterThanOrEqualTo(plain);
        assertThat(contradicting).isLessThan(plain);
        ScreeningDecision d = lists.screen(rim.withDateOfBirth("1990-01-01"));
        assertThat(d.matches()).allSatisfy(m -> assertThat(m.reasons()).isNotEmpty());
    }

    @Test
    void anIdenticalIdentifierMakesTheMatchCertain() {
        ScreeningQuery q = ScreeningQuery.of("R. Nam").withType(EntityType.PERSON)
                .withIdentifiers(List.of(new Identifier("Passport", "836 238 033", "KP")));

        ScreeningDecision d = lists.screen(q);

        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(d.matches().getFirst().entity().name()).isEqualTo("RIM, Ryong Nam");
        assertThat(d.matches().getFirst().reasons()).anySatisfy(r -> assertThat(r).contains("identifier"));
    }

    @Test
    void aPersonIsNotScoredLikeACompany() {
        ScreeningDecision asPerson = lists.screen(ScreeningQuery.of("Banco Nacional de Cuba").withType(EntityType.PERSON));

        assertThat(asPerson.matches()).allSatisfy(m -> assertThat(m.score()).isLessThan(m.nameScore()));
    }

    @Test
    void screeningIsDeterministicAndThreadSafe() {
        List<String> names = List.of("Mohammed Ali", "Kim Jong Un", "Abu Abbas", "Sand Swan", "Gazprom", "Hassan Ali");
        List<ScreeningDecision> sequential = names.stream().map(lists::screen).toList();
        List<ScreeningDecision> parallel = IntStream.range(0, 60).parallel()
                .mapToObj(i -> lists.screen(names.get(i % names.size()))).toList();

        for (int i = 0; i < parallel.size(); i++) {
            assertThat(parallel.get(i)).isEqualTo(sequential.get(i % names.size()));
        }
    }

    @Test
    void queriesSayWhatIsWrong() {
        assertThatThrownBy(() -> ScreeningQuery.of("x").withCountry("Atlantis"))
                .hasMessageContaining("country: Atlantis");
        assertThatThrownBy(() -> ScreeningQuery.of("x").withDateOfBirth("5 May"))
                .hasMessageContaining("dateOfBirth: 5 May (expected: YYYY, YYYY-MM or YYYY-MM-DD)");
        assertThatThrownBy(() -> new ScreeningSettings(0.9, 0.9, 0.8, 10, 10))
                .hasMessageContaining("blockThreshold");
    }

    private double topScore(ScreeningQuery q, String name) {
        return lists.screen(q).matches().stream().filter(m -> m.entity().name().equals(name))
                .mapToDouble(ScreeningMatch::score).max().orElse(0);
    }

    @Test
    void scoreComparesTwoNamesWithTheIndexSettings() {
        assertThat(lists.score("Siemens AG", "Siemens Aktiengesellschaft", Optional.of(EntityType.ORGANIZATION)).match())
                .isTrue();
    }
}
