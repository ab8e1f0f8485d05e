package dev.moat.server.vetting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.screening.EntityType;
import dev.moat.screening.OrganisationDecision;
import dev.moat.screening.OrganisationProfile;
import dev.moat.screening.ScreeningIndex;
import dev.moat.server.admin.Vetting;
import dev.moat.server.identity.OrgStatusMachine;
import dev.moat.server.identity.Organisation;
import dev.moat.server.identity.Owner;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Vetting against the restricted-party lists: the organisation and every declared owner are
 * screened, the OFAC 50 % rule is applied through declared intermediate owners, and organisations
 * registered in a comprehensively embargoed country are blocked outright. The index can be
 * swapped when the lists change; screenings in progress finish on the index they started with.
 */
public final class ListScreening implements Vetting {

    private final AtomicReference<ScreeningIndex> index;
    private final Set<String> embargoedCountries;

    public ListScreening(ScreeningIndex index, Set<String> embargoedCountries) {
        this.index = new AtomicReference<>(index);
        this.embargoedCountries = Set.copyOf(embargoedCountries);
    }

    public ScreeningIndex index() {
        return index.get();
    }

    public void replace(ScreeningIndex newIndex) {
        index.set(newIndex);
    }

    @Override
    public Result screen(Organisation org) {
        if (embargoedCountries.contains(org.country())) {
            ObjectNode report = ScreeningReports.JSON.createObjectNode();
            report.put("decision", "block");
            report.putArray("reasons").add("the organisation is registered in " + org.country()
                    + ", which is under comprehensive embargo (screening.embargoed_countries)");
            report.putArray("matches");
            return new Result(OrgStatusMachine.Screening.BLOCK, report);
        }
        ScreeningIndex current = index.get();
        OrganisationDecision decision = current.screenOrganisation(new OrganisationProfile(org.name(),
                org.country().isEmpty() ? Optional.empty() : Optional.of(org.country()), owners(org.owners())));
        ObjectNode report = ScreeningReports.organisation(decision);
        report.put("entities_screened_against", current.loadReport().entities());
        return new Result(switch (decision.decision()) {
            case BLOCK -> OrgStatusMachine.Screening.BLOCK;
            case REVIEW -> OrgStatusMachine.Screening.REVIEW;
            case CLEAR -> OrgStatusMachine.Screening.CLEAR;
        }, report);
    }

    private static List<dev.moat.screening.Owner> owners(List<Owner> declared) {
        return declared.stream()
                .filter(owner -> owner.sharePercent() > 0)
                .map(owner -> new dev.moat.screening.Owner(owner.name(),
                        owner.type().equals("organization") ? EntityType.ORGANIZATION : EntityType.PERSON,
                        owner.country().isEmpty() ? Optional.empty() : Optional.of(owner.country()),
                        owner.sharePercent(), owners(owner.owners())))
                .toList();
    }
}
