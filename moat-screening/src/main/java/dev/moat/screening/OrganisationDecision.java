package dev.moat.screening;

import java.util.List;

/**
 * The result of screening an organisation with its owners.
 *
 * @param name             the organisation's name
 * @param decision         {@code block} if the organisation is listed or the 50 % rule applies;
 *                         {@code review} if it or any owner resembles a listed party; else {@code clear}
 * @param organisation     the screening of the organisation's own name
 * @param owners           the screening of every declared owner, intermediates included
 * @param fiftyPercentRule the ownership finding
 * @param reasons          why the decision is what it is, in words
 */
public record OrganisationDecision(String name, Verdict decision, ScreeningDecision organisation,
        List<OwnerScreening> owners, FiftyPercentRule fiftyPercentRule, List<String> reasons) {

    public OrganisationDecision {
        owners = List.copyOf(owners);
        reasons = List.copyOf(reasons);
    }
}
