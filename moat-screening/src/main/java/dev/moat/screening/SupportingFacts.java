package dev.moat.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a name score with the facts besides the name. The amounts are deliberately smaller than
 * the gap between a good and a poor name match, so facts tip close cases and never make a match
 * out of an unrelated name, with one exception: an identical document number (passport,
 * registration, IMO) is the strongest evidence there is and makes the match certain.
 * <ul>
 *   <li>type: a person against an organisation (or the reverse) costs 0.15; other type mismatches 0.1;</li>
 *   <li>country: one of the entry's countries raises by 0.03; none of them lowers by 0.05;</li>
 *   <li>date of birth: the same date raises by 0.05; only contradicting dates (two or more years
 *       apart, or a different day) lower by 0.2;</li>
 *   <li>identifier: the same number (letters and digits, at least 5) sets the score to 1.</li>
 * </ul>
 */
final class SupportingFacts {

    record Adjusted(double score, List<String> reasons) {
    }

    private SupportingFacts() {
    }

    static Adjusted apply(double nameScore, ScreeningQuery query, ListedEntity entity) {
        double score = nameScore;
        List<String> reasons = new ArrayList<>();
        if (query.type().isPresent() && query.type().get() != entity.type()) {
            boolean personVsOther = query.type().get() == EntityType.PERSON || entity.type() == EntityType.PERSON;
            double cost = personVsOther ? 0.15 : 0.1;
            score -= cost;
            reasons.add("type differs: " + query.type().get().label() + " vs listed " + entity.type().label()
                    + " (-" + cost + ")");
        }
        Optional<String> country = query.country();
        if (country.isPresent() && !entity.countries().isEmpty()) {
            if (entity.countries().contains(country.get())) {
                score += 0.03;
                reasons.add("country " + country.get() + " is one of the entry's (+0.03)");
            } else {
                score -= 0.05;
                reasons.add("country " + country.get() + " is not among the entry's " + entity.countries() + " (-0.05)");
            }
        }
        if (query.dateOfBirth().isPresent() && !entity.datesOfBirth().isEmpty()) {
            String dob = query.dateOfBirth().get().strip();
            boolean same = false;
            boolean allDifferent = true;
            for (String listed : entity.datesOfBirth()) {
                BirthDates.Agreement a = BirthDates.compare(dob, listed);
                same |= a == BirthDates.Agreement.SAME;
                allDifferent &= a == BirthDates.Agreement.DIFFERENT;
            }
            if (same) {
                score += 0.05;
                reasons.add("date of birth " + dob + " agrees with " + entity.datesOfBirth() + " (+0.05)");
            } else if (allDifferent) {
                score -= 0.2;
                reasons.add("date of birth " + dob + " contradicts " + entity.datesOfBirth() + " (-0.2)");
            }
        }
        for (Identifier id : query.identifiers()) {
            String value = id.comparableValue();
            if (value.length() < 5) {
                continue;
            }
            for (Identifier listed : entity.identifiers()) {
                if (listed.comparableValue().equals(value)) {
                    score = 1.0;
                    reasons.add("identifier " + id.value() + " equals the entry's " + listed.type() + " " + listed.value());
                }
            }
        }
        return new Adjusted(Math.round(Math.max(0, Math.min(1, score)) * 10000) / 10000.0, reasons);
    }
}
