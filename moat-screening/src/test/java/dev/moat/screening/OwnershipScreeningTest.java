package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipScreeningTest {

    private static ListedEntity listed(String id, EntityType type, String name) {
        return new ListedEntity("SDN", id, type, name, List.of(), List.of(), List.of("TEST"), List.of(), List.of(),
                List.of());
    }

    private final ScreeningIndex lists = ScreeningIndex.of(List.of(
            listed("1", EntityType.PERSON, "KARAMAZOV, Dmitri Fyodorovich"),
            listed("2", EntityType.ORGANIZATION, "SKOTOPRIGONYEVSK HOLDINGS LLC"),
            listed("3", EntityType.PERSON, "SMERDYAKOV, Pavel")), ScreeningSettings.DEFAULTS);

    private static Owner org(String name, double share, Owner... owners) {
        return new Owner(name, EntityType.ORGANIZATION, Optional.empty(), share, List.of(owners));
    }

    private static Owner person(String name, double share) {
        return Owner.of(name, EntityType.PERSON, share);
    }

    @Test
    void blocksThroughTwoLevelsOfOwnershipAndSaysWhy() {
        // Listed Karamazov holds 80 % of Intermediate Two, which holds 75 % of Intermediate One,
        // which holds 90 % of the applicant: 0.8 * 0.75 * 0.9 = 54 %.
        OrganisationProfile applicant = new OrganisationProfile("Harmless Analytics GmbH", Optional.of("DE"), List.of(
                org("Intermediate One BV", 90,
                        org("Intermediate Two Ltd", 75,
                                person("Dmitri Fyodorovich Karamazov", 80),
                                person("Alyosha Innocent", 20)),
                        person("Ivan Bystander", 25)),
                person("Grushenka Clean", 10)));

        OrganisationDecision d = lists.screenOrganisation(applicant);

        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(d.organisation().decision()).isEqualTo(Verdict.CLEAR);
        FiftyPercentRule rule = d.fiftyPercentRule();
        assertThat(rule.applies()).isTrue();
        assertThat(rule.multipliedPercent()).isEqualTo(54.0);
        assertThat(rule.throughBlockedPercent()).isEqualTo(90.0);
        assertThat(rule.paths()).singleElement().satisfies(p -> {
            assertThat(p.chain()).containsExactly("Intermediate One BV", "Intermediate Two Ltd", "Dmitri Fyodorovich Karamazov");
            assertThat(p.sharesPercent()).containsExactly(90.0, 75.0, 80.0);
            assertThat(p.effectivePercent()).isEqualTo(54.0);
            assertThat(p.listing()).contains("SDN 1 'KARAMAZOV, Dmitri Fyodorovich'");
        });
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("50 % rule"));
        assertThat(d.owners()).hasSize(6);
    }

    @Test
    void countsBlockedIntermediariesInFullAsOfacDoes() {
        // Listed party holds 50 % of Middle; Middle is therefore blocked, and its 50 % of the
        // applicant counts in full although the product is only 25 %.
        OrganisationProfile applicant = new OrganisationProfile("Applicant Inc", Optional.empty(), List.of(
                org("Middle Holdings SA", 50, person("Pavel Smerdyakov", 50), person("Nobody Special", 50)),
                person("Someone Else", 50)));

        OrganisationDecision d = lists.screenOrganisation(applicant);

        assertThat(d.fiftyPercentRule().multipliedPercent()).isEqualTo(25.0);
        assertThat(d.fiftyPercentRule().throughBlockedPercent()).isEqualTo(50.0);
        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void aListedMinorityOwnerMeansReviewNotBlock() {
        OrganisationProfile applicant = new OrganisationProfile("Applicant Inc", Optional.empty(), List.of(
                org("Skotoprigonyevsk Holdings LLC", 30), person("Clean Owner", 70)));

        OrganisationDecision d = lists.screenOrganisation(applicant);

        assertThat(d.decision()).isEqualTo(Verdict.REVIEW);
        assertThat(d.fiftyPercentRule().applies()).isFalse();
        assertThat(d.fiftyPercentRule().listedOwnershipPercent()).isEqualTo(30.0);
        assertThat(d.fiftyPercentRule().explanation()).contains("below 50 %");
    }

    @Test
    void aListedOrganisationIsBlockedWhoeverOwnsIt() {
        OrganisationDecision d = lists.screenOrganisation(new OrganisationProfile("Skotoprigonyevsk Holdings, LLC",
                Optional.empty(), List.of(person("Clean Owner", 100))));

        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(d.fiftyPercentRule().applies()).isFalse();
        assertThat(d.reasons()).first().asString().contains("matches SDN 2");
    }

    @Test
    void cleanOwnershipIsClear() {
        OrganisationDecision d = lists.screenOrganisation(new OrganisationProfile("Applicant Inc", Optional.empty(),
                List.of(person("Clean Owner", 60), org("Clean Parent AG", 40, person("Another Clean", 100)))));

        assertThat(d.decision()).isEqualTo(Verdict.CLEAR);
        assertThat(d.fiftyPercentRule().paths()).isEmpty();
        assertThat(d.owners()).hasSize(3);
    }

    @Test
    void rejectsImpossibleShares() {
        assertThatThrownBy(() -> person("X", 0)).hasMessageContaining("sharePercent of X: 0.0 (expected: > 0 and <= 100)");
        assertThatThrownBy(() -> new OrganisationProfile("A", Optional.empty(),
                List.of(person("X", 60), person("Y", 50)))).hasMessageContaining("shares add up to 110.0 %");
        assertThatThrownBy(() -> new Owner("P", EntityType.PERSON, Optional.empty(), 10, List.of(person("Q", 10))))
                .hasMessageContaining("a person has no owners");
    }
}
