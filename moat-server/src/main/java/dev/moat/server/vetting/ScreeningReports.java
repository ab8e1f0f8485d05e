package dev.moat.server.vetting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.screening.FiftyPercentRule;
import dev.moat.screening.ListedEntity;
import dev.moat.screening.NameComparison;
import dev.moat.screening.OrganisationDecision;
import dev.moat.screening.OwnerScreening;
import dev.moat.screening.OwnershipPath;
import dev.moat.screening.ScreeningDecision;
import dev.moat.screening.ScreeningMatch;
import dev.moat.screening.TokenMatch;

/**
 * The JSON that analysts and the CLI see for screening results: each match with its list entry,
 * score and the parts of the name that matched, so a decision can be checked by a person.
 */
public final class ScreeningReports {

    static final ObjectMapper JSON = new ObjectMapper();

    private ScreeningReports() {
    }

    public static ObjectNode decision(ScreeningDecision decision) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", decision.name());
        node.put("decision", decision.decision().label());
        node.put("score", round(decision.score()));
        ArrayNode matches = node.putArray("matches");
        decision.matches().forEach(match -> matches.add(match(match)));
        return node;
    }

    public static ObjectNode organisation(OrganisationDecision decision) {
        ObjectNode node = JSON.createObjectNode();
        node.put("decision", decision.decision().label());
        ArrayNode reasons = node.putArray("reasons");
        decision.reasons().forEach(reasons::add);
        ArrayNode matches = node.putArray("matches");
        decision.organisation().matches().forEach(match -> matches.add(match(match)));
        ArrayNode owners = node.putArray("owners");
        for (OwnerScreening owner : decision.owners()) {
            ObjectNode o = owners.addObject();
            o.put("name", owner.name());
            o.put("type", owner.type().label());
            o.put("share_percent", owner.sharePercent());
            o.put("effective_percent", round(owner.effectivePercent()));
            ArrayNode chain = o.putArray("chain");
            owner.chain().forEach(chain::add);
            o.put("decision", owner.screening().decision().label());
            ArrayNode ownerMatches = o.putArray("matches");
            owner.screening().matches().forEach(match -> ownerMatches.add(match(match)));
        }
        node.set("fifty_percent_rule", fiftyPercent(decision.fiftyPercentRule()));
        return node;
    }

    public static ObjectNode comparison(NameComparison comparison) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name1", comparison.name1());
        node.put("name2", comparison.name2());
        node.put("score", round(comparison.score()));
        node.put("match", comparison.match());
        node.set("parts", parts(comparison.parts()));
        ArrayNode notes = node.putArray("notes");
        comparison.notes().forEach(notes::add);
        return node;
    }

    private static ObjectNode fiftyPercent(FiftyPercentRule rule) {
        ObjectNode node = JSON.createObjectNode();
        node.put("applies", rule.applies());
        node.put("listed_ownership_percent", round(rule.listedOwnershipPercent()));
        node.put("explanation", rule.explanation());
        ArrayNode paths = node.putArray("paths");
        for (OwnershipPath path : rule.paths()) {
            ObjectNode p = paths.addObject();
            ArrayNode chain = p.putArray("chain");
            path.chain().forEach(chain::add);
            ArrayNode shares = p.putArray("shares_percent");
            path.sharesPercent().forEach(shares::add);
            p.put("effective_percent", round(path.effectivePercent()));
            p.put("listed_party", path.listedParty());
            p.put("listing", path.listing());
        }
        return node;
    }

    private static ObjectNode match(ScreeningMatch match) {
        ObjectNode node = JSON.createObjectNode();
        ListedEntity entity = match.entity();
        node.put("list", entity.list());
        node.put("source_id", entity.sourceId());
        node.put("type", entity.type().label());
        node.put("name", entity.name());
        node.put("matched_name", match.matchedName());
        node.put("name_score", round(match.nameScore()));
        node.put("score", round(match.score()));
        node.set("parts", parts(match.parts()));
        ArrayNode reasons = node.putArray("reasons");
        match.reasons().forEach(reasons::add);
        ArrayNode programs = node.putArray("programs");
        entity.programs().forEach(programs::add);
        ArrayNode countries = node.putArray("countries");
        entity.countries().forEach(countries::add);
        return node;
    }

    private static ArrayNode parts(java.util.List<TokenMatch> parts) {
        ArrayNode array = JSON.createArrayNode();
        for (TokenMatch part : parts) {
            array.addObject().put("query", part.left()).put("listed", part.right())
                    .put("similarity", round(part.similarity())).put("how", part.how());
        }
        return array;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
