package dev.moat.screening;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Screens an organisation, every declared owner at every level, and applies the OFAC 50 % rule.
 *
 * <p>An owner is a <em>listed party</em> when its own screening is {@code block}. The rule is
 * read two ways and the organisation is blocked if either reaches 50 %:
 * <ul>
 *   <li><b>multiplied</b>: each chain from the organisation to a listed party contributes the
 *       product of its shares (listed A holds 80 % of B, B holds 70 % of the organisation: 56 %);
 *       the chain stops at the first listed party, so nothing is counted twice;</li>
 *   <li><b>through blocked owners</b>, OFAC's own guidance: an entity 50 % or more owned by listed
 *       parties is itself blocked, and its holdings then count in full ("A holds 50 % of B, B
 *       holds 50 % of C: C is blocked", though the product is only 25 %).</li>
 * </ul>
 * Listed owners below 50 % in aggregate still make the decision {@code review}: OFAC advises
 * caution with such companies, and an analyst should see them.
 */
final class OwnershipScreening {

    private static final int MAX_DEPTH = 12;

    private final ScreeningIndex index;

    OwnershipScreening(ScreeningIndex index) {
        this.index = index;
    }

    OrganisationDecision screen(OrganisationProfile org) {
        ScreeningQuery orgQuery = ScreeningQuery.of(org.name()).withType(EntityType.ORGANIZATION);
        if (org.country().isPresent()) {
            orgQuery = orgQuery.withCountry(org.country().get());
        }
        ScreeningDecision own = index.screen(orgQuery);
        List<OwnerScreening> screened = new ArrayList<>();
        Map<Owner, ScreeningDecision> decisions = new IdentityHashMap<>();
        List<OwnershipPath> paths = new ArrayList<>();
        double multiplied = walk(org.owners(), new ArrayList<>(), new ArrayList<>(), 1.0, 0, decisions, screened, paths);
        double throughBlocked = blockedShare(org.owners(), decisions);
        double aggregate = Math.max(multiplied, throughBlocked);
        boolean applies = aggregate >= 50.0 - 1e-9;

        List<String> reasons = new ArrayList<>();
        Verdict verdict = own.decision();
        if (own.decision() != Verdict.CLEAR) {
            reasons.add("the organisation's name " + (own.decision() == Verdict.BLOCK ? "matches" : "resembles") + " "
                    + describe(own.matches().getFirst().entity()) + " (score " + own.score() + ")");
        }
        String explanation;
        if (applies) {
            verdict = Verdict.BLOCK;
            explanation = String.format(Locale.ROOT, "listed parties own %s %% of %s (multiplied through "
                    + "intermediates: %s %%; counting blocked intermediates in full: %s %%), which is 50 %% or more: "
                    + "blocked under the OFAC 50 %% rule", pct(aggregate), org.name(), pct(multiplied),
                    pct(throughBlocked));
            reasons.add(explanation);
            for (OwnershipPath p : paths) {
                reasons.add(describe(p));
            }
        } else if (!paths.isEmpty()) {
            verdict = verdict.atLeast(Verdict.REVIEW);
            explanation = String.format(Locale.ROOT, "listed parties own %s %% of %s, below 50 %%: not blocked by the "
                    + "50 %% rule, but listed owners need review", pct(aggregate), org.name());
            reasons.add(explanation);
            for (OwnershipPath p : paths) {
                reasons.add(describe(p));
            }
        } else {
            explanation = "no declared owner matches a list";
        }
        for (OwnerScreening o : screened) {
            if (o.screening().decision() == Verdict.REVIEW) {
                verdict = verdict.atLeast(Verdict.REVIEW);
                reasons.add("owner " + o.name() + " resembles " + describe(o.screening().matches().getFirst().entity())
                        + " (score " + o.screening().score() + ")");
            }
        }
        FiftyPercentRule rule = new FiftyPercentRule(applies, round(aggregate), round(multiplied),
                round(throughBlocked), paths, explanation);
        return new OrganisationDecision(org.name(), verdict, own, screened, rule, reasons);
    }

    /** Screens owners depth-first; returns the multiplied listed share (percent of the root). */
    private double walk(List<Owner> owners, List<String> chain, List<Double> shares, double factor, int depth,
            Map<Owner, ScreeningDecision> decisions, List<OwnerScreening> screened, List<OwnershipPath> paths) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("owners: nested more than " + MAX_DEPTH
                    + " levels deep (expected: a real ownership chain)");
        }
        double listed = 0;
        for (Owner owner : owners) {
            ScreeningQuery q = ScreeningQuery.of(owner.name()).withType(owner.type());
            if (owner.country().isPresent()) {
                q = q.withCountry(owner.country().get());
            }
            ScreeningDecision d = index.screen(q);
            decisions.put(owner, d);
            List<String> here = new ArrayList<>(chain);
            here.add(owner.name());
            List<Double> hereShares = new ArrayList<>(shares);
            hereShares.add(owner.sharePercent());
            double effective = factor * owner.sharePercent();
            screened.add(new OwnerScreening(here, owner.name(), owner.type(), owner.sharePercent(), round(effective), d));
            if (d.decision() == Verdict.BLOCK) {
                listed += effective;
                paths.add(new OwnershipPath(here, hereShares, round(effective), owner.name(),
                        describe(d.matches().getFirst().entity())));
            } else if (!owner.owners().isEmpty()) {
                listed += walk(owner.owners(), here, hereShares, effective / 100.0, depth + 1, decisions, screened, paths);
            }
        }
        return listed;
    }

    /** OFAC's reading: the share of direct owners that are listed or themselves blocked by the rule. */
    private static double blockedShare(List<Owner> owners, Map<Owner, ScreeningDecision> decisions) {
        double share = 0;
        for (Owner owner : owners) {
            boolean listed = decisions.get(owner).decision() == Verdict.BLOCK;
            if (listed || (!owner.owners().isEmpty() && blockedShare(owner.owners(), decisions) >= 50.0 - 1e-9)) {
                share += owner.sharePercent();
            }
        }
        return share;
    }

    private static String describe(ListedEntity e) {
        return e.list() + (e.sourceId().isEmpty() ? "" : " " + e.sourceId()) + " '" + e.name() + "'";
    }

    private static String describe(OwnershipPath p) {
        StringBuilder b = new StringBuilder("ownership path: ");
        for (int i = 0; i < p.chain().size(); i++) {
            if (i > 0) {
                b.append(" <- ");
            }
            b.append(p.chain().get(i)).append(" (").append(pct(p.sharesPercent().get(i))).append(" %)");
        }
        b.append(" = ").append(pct(p.effectivePercent())).append(" % held by listed ").append(p.listing());
        return b.toString();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
