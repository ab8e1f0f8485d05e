package dev.moat.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores two normalised names. This is the heart of the matcher; the design in brief:
 *
 * <p><b>Alignment.</b> Words are paired one to one, order-free (lists write "SURNAME Given", people
 * write "Given Surname", Arabic names reorder freely). Pairing is greedy on similarity in three
 * rounds: strong pairs first (similarity &ge; 0.9), then a word of one name against two or three
 * adjacent words of the other joined together ("VladimirPutin", "Patr ushev", "SiemensAG"), then
 * the remaining pairs down to similarity 0.6. Greedy is deterministic (ties go to the earlier
 * word) and, for names of a handful of words, as good as an optimal assignment.
 *
 * <p><b>Score.</b> Each word has a weight (ordinary word 1, initial 0.5, particle such as "al",
 * "bin", "of" 0.3). A pair's similarity counts in full from 0.75, fades linearly to nothing at
 * 0.6, and nothing below: "Armenia" is not half of "America". For each name, its coverage is
 * the weighted share of its words that found a partner. The score is the coverage of the
 * <em>shorter</em> name, minus a penalty proportional to what the longer name has left over
 * (0.3 of it for people, 0.25 for organisations, vessels and unknown types): a query may omit a middle name or patronymic,
 * but every word it does give must be found. So "Vladimir Putin" against "Vladimir Vladimirovich
 * Putin" scores 0.9, while "Geoffrey Boris Johnson" against "Alexandre Boris de Pfeffel Johnson"
 * loses a third for Geoffrey.
 *
 * <p><b>Guards.</b> Numbers must agree ("Snow Storm 1" is not "Snow Storm 2"): different numbers
 * cap the score at 0.55. Legal forms of different families (AG against GmbH) cost 0.1. A single
 * given word against a person's full name ("Vladimir") is capped at 0.7: one name is not a person.
 * Names equal once spaces are removed ("JSC ARGUMENT", "JSCARGUMENT") score at least 0.97.
 */
final class NameScorer {

    private static final double STRONG = 0.9;
    private static final double COMPOUND = 0.88;
    private static final double WEAK = 0.6;
    private static final double FULL_CREDIT = 0.75;
    private static final double LEFTOVER_PERSON = 0.3;
    private static final double LEFTOVER_OTHER = 0.25;
    private static final double ACRONYM = 0.9;

    private NameScorer() {
    }

    /** A pairing of words of a (left) with words of b (right); each side is a run of adjacent words. */
    private record Pair(int leftFrom, int leftTo, int rightFrom, int rightTo, double similarity,
            TokenSimilarity.How how) {
    }

    static NameComparison compare(NormalisedName a, NormalisedName b, Optional<EntityType> type,
            double matchThreshold) {
        List<NameToken> x = a.tokens();
        List<NameToken> y = b.tokens();
        boolean[] usedX = new boolean[x.size()];
        boolean[] usedY = new boolean[y.size()];
        List<Pair> pairs = new ArrayList<>();
        double[][] sim = new double[x.size()][y.size()];
        TokenSimilarity.How[][] how = new TokenSimilarity.How[x.size()][y.size()];
        for (int i = 0; i < x.size(); i++) {
            for (int j = 0; j < y.size(); j++) {
                TokenSimilarity.Result r = TokenSimilarity.compare(x.get(i), y.get(j));
                sim[i][j] = r.similarity();
                how[i][j] = r.how();
            }
        }
        pairSingles(sim, how, usedX, usedY, pairs, STRONG);
        boolean person = type.orElse(null) == EntityType.PERSON;
        pairCompounds(x, y, usedX, usedY, pairs, false, !person);
        pairCompounds(y, x, usedY, usedX, pairs, true, !person);
        pairSingles(sim, how, usedX, usedY, pairs, WEAK);

        double[] creditX = new double[x.size()];
        double[] creditY = new double[y.size()];
        for (Pair p : pairs) {
            double credit = credit(p.similarity());
            for (int i = p.leftFrom(); i < p.leftTo(); i++) {
                creditX[i] = credit;
            }
            for (int j = p.rightFrom(); j < p.rightTo(); j++) {
                creditY[j] = credit;
            }
        }
        double weightX = totalWeight(x, creditX, !person);
        double weightY = totalWeight(y, creditY, !person);
        double coverX = coverage(x, creditX, weightX);
        double coverY = coverage(y, creditY, weightY);
        boolean xShorter = weightX <= weightY;
        double shortCover = xShorter ? coverX : coverY;
        double longCover = xShorter ? coverY : coverX;
        double leftover = person ? LEFTOVER_PERSON : LEFTOVER_OTHER;
        double score = shortCover - leftover * (1 - longCover);

        List<String> notes = new ArrayList<>();
        notes.addAll(a.notes());
        notes.addAll(b.notes());
        if (!a.compact().isEmpty() && a.compact().equals(b.compact()) && score < 0.97) {
            score = 0.97;
            notes.add("same letters once spaces are ignored");
        }
        if (texts(x).equals(texts(y)) && !x.isEmpty()) {
            score = 1.0;
        }
        if (!a.syllabic().isEmpty() && !b.syllabic().isEmpty() && !a.syllabic().equals(b.syllabic())) {
            double bySyllable = TokenSimilarity.ratio(a.syllabic(), b.syllabic());
            if (bySyllable < score) {
                score = bySyllable;
                notes.add("compared syllable by syllable in the original script");
            }
        }
        if (parentageDiffers(x, y, pairs, false) || parentageDiffers(y, x, pairs, true)) {
            score = Math.min(score, 0.7);
            notes.add("parentage differs: the name after 'bin' in one is not after 'bin' in the other");
        }
        List<String> numbersA = a.numbers();
        List<String> numbersB = b.numbers();
        if (!numbersA.isEmpty() && !numbersB.isEmpty() && !numbersA.equals(numbersB)) {
            score = Math.min(score, 0.55);
            notes.add("numbers differ: " + numbersA + " vs " + numbersB);
        }
        var familiesA = a.specificFamilies();
        var familiesB = b.specificFamilies();
        if (!familiesA.isEmpty() && !familiesB.isEmpty() && java.util.Collections.disjoint(familiesA, familiesB)) {
            score -= 0.25;
            notes.add("legal forms differ: " + forms(a) + " vs " + forms(b));
        } else if (!a.legalForms().isEmpty() && !b.legalForms().isEmpty()) {
            notes.add("legal forms agree: " + forms(a) + " ~ " + forms(b));
        }
        if (person && Math.max(words(x), words(y)) >= 2 && pairedOnLongerSide(pairs, xShorter) < 2
                && score > 0.7) {
            score = 0.7;
            notes.add("a single name against a full name");
        }
        score = Math.max(0, Math.min(1, score));
        return new NameComparison(a.original(), b.original(), round(score), score >= matchThreshold,
                explain(x, y, pairs, usedX, usedY), notes);
    }

    /**
     * In "X bin Y" the word after "bin" (ibn, ben) names the father. When both names spell out
     * parentage, a father in one that is not a father in the other ("Salman bin Muhammad" against
     * "Muhammad bin Salman") is a different person however alike the words are.
     */
    private static boolean parentageDiffers(List<NameToken> one, List<NameToken> other, List<Pair> pairs,
            boolean swapped) {
        if (!spellsParentage(one) || !spellsParentage(other)) {
            return false;
        }
        for (int k = 0; k < one.size(); k++) {
            if (!isBin(one.get(k))) {
                continue;
            }
            int father = k + 1;
            while (father < one.size() && one.get(father).kind() == NameToken.Kind.PARTICLE) {
                father++;
            }
            if (father >= one.size()) {
                continue;
            }
            for (Pair p : pairs) {
                int from = swapped ? p.rightFrom() : p.leftFrom();
                int to = swapped ? p.rightTo() : p.leftTo();
                if (father < from || father >= to) {
                    continue;
                }
                int partner = (swapped ? p.leftFrom() : p.rightFrom()) - 1;
                while (partner >= 0 && other.get(partner).kind() == NameToken.Kind.PARTICLE && !isBin(other.get(partner))) {
                    partner--;
                }
                if (partner < 0 || !isBin(other.get(partner))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean spellsParentage(List<NameToken> tokens) {
        for (int k = 0; k + 1 < tokens.size(); k++) {
            if (isBin(tokens.get(k)) && tokens.subList(k + 1, tokens.size()).stream()
                    .anyMatch(t -> t.kind() != NameToken.Kind.PARTICLE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBin(NameToken t) {
        return t.text().equals("bin");
    }

    private static int pairedOnLongerSide(List<Pair> pairs, boolean xShorter) {
        int n = 0;
        for (Pair p : pairs) {
            n += xShorter ? p.rightTo() - p.rightFrom() : p.leftTo() - p.leftFrom();
        }
        return n;
    }

    private static int words(List<NameToken> tokens) {
        int n = 0;
        for (NameToken t : tokens) {
            if (t.kind() == NameToken.Kind.WORD || t.kind() == NameToken.Kind.NUMBER) {
                n++;
            }
        }
        return n;
    }

    private static List<String> texts(List<NameToken> tokens) {
        return tokens.stream().map(NameToken::text).sorted().toList();
    }

    private static String forms(NormalisedName n) {
        return n.legalForms().stream().map(LegalForms.Form::canonical).toList().toString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static double credit(double similarity) {
        if (similarity >= FULL_CREDIT) {
            return similarity;
        }
        if (similarity <= WEAK) {
            return 0;
        }
        return (similarity - WEAK) / (FULL_CREDIT - WEAK) * FULL_CREDIT;
    }

    /**
     * The weight of a name's words. In an organisation's name an unpaired country name counts
     * double: "Banco Santander Chile" is a different company from "Banco Santander" (a subsidiary
     * abroad), while an unpaired ordinary word is more often just a longer way of writing the name.
     */
    private static double totalWeight(List<NameToken> tokens, double[] credit, boolean organisation) {
        double w = 0;
        for (int i = 0; i < tokens.size(); i++) {
            NameToken t = tokens.get(i);
            boolean qualifier = organisation && credit[i] == 0 && t.countryName();
            w += qualifier ? 2 * t.weight() : t.weight();
        }
        return w;
    }

    private static double coverage(List<NameToken> tokens, double[] credit, double total) {
        if (total == 0) {
            return 0;
        }
        double c = 0;
        for (int i = 0; i < tokens.size(); i++) {
            c += tokens.get(i).weight() * credit[i];
        }
        return c / total;
    }

    private static void pairSingles(double[][] sim, TokenSimilarity.How[][] how, boolean[] usedX, boolean[] usedY,
            List<Pair> pairs, double threshold) {
        while (true) {
            int bi = -1;
            int bj = -1;
            double best = threshold;
            for (int i = 0; i < usedX.length; i++) {
                if (usedX[i]) {
                    continue;
                }
                for (int j = 0; j < usedY.length; j++) {
                    if (!usedY[j] && (sim[i][j] > best || (bi < 0 && sim[i][j] >= best && sim[i][j] > 0))) {
                        best = sim[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                return;
            }
            usedX[bi] = true;
            usedY[bj] = true;
            pairs.add(new Pair(bi, bi + 1, bj, bj + 1, sim[bi][bj], how[bi][bj]));
        }
    }

    /** One unpaired word of {@code one} against 2 or 3 adjacent unpaired words of {@code other}, joined. */
    private static void pairCompounds(List<NameToken> one, List<NameToken> other, boolean[] usedOne,
            boolean[] usedOther, List<Pair> pairs, boolean swapped, boolean acronyms) {
        for (int i = 0; i < one.size(); i++) {
            if (usedOne[i] || one.get(i).text().length() < 2) {
                continue;
            }
            double best = COMPOUND;
            int bestFrom = -1;
            int bestTo = -1;
            String word = one.get(i).text();
            // A join can only reach the threshold if its length is within 12 % of the word's.
            int longest = (int) Math.ceil(word.length() / (1 - (1 - COMPOUND)));
            for (int from = 0; from < other.size(); from++) {
                StringBuilder joined = new StringBuilder();
                for (int to = from; to < Math.min(other.size(), from + 3); to++) {
                    if (usedOther[to]) {
                        break;
                    }
                    joined.append(other.get(to).text());
                    if (to == from) {
                        continue;
                    }
                    double s = 0;
                    if (joined.length() <= longest && joined.length() >= word.length() * COMPOUND) {
                        String j = joined.toString();
                        s = TokenSimilarity.words(word, j, one.get(i).skeleton(), PhoneticKey.of(j), false).similarity();
                    }
                    if (acronyms && isAcronymOf(word, other, from, to + 1)) {
                        s = Math.max(s, ACRONYM);
                    }
                    if (s > best) {
                        best = s;
                        bestFrom = from;
                        bestTo = to + 1;
                    }
                }
            }
            if (bestFrom >= 0) {
                usedOne[i] = true;
                for (int k = bestFrom; k < bestTo; k++) {
                    usedOther[k] = true;
                }
                pairs.add(swapped
                        ? new Pair(bestFrom, bestTo, i, i + 1, best, TokenSimilarity.How.COMPOUND)
                        : new Pair(i, i + 1, bestFrom, bestTo, best, TokenSimilarity.How.COMPOUND));
            }
        }
    }

    /** "pla" against "peoples liberation army": one letter per word, every word used. */
    private static boolean isAcronymOf(String word, List<NameToken> other, int from, int to) {
        if (word.length() != to - from || word.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (other.get(k).text().charAt(0) != word.charAt(k - from)) {
                return false;
            }
        }
        return true;
    }

    private static List<TokenMatch> explain(List<NameToken> x, List<NameToken> y, List<Pair> pairs, boolean[] usedX,
            boolean[] usedY) {
        List<TokenMatch> parts = new ArrayList<>();
        List<Pair> ordered = new ArrayList<>(pairs);
        ordered.sort(java.util.Comparator.comparingInt(Pair::leftFrom));
        for (Pair p : ordered) {
            parts.add(new TokenMatch(join(x, p.leftFrom(), p.leftTo()), join(y, p.rightFrom(), p.rightTo()),
                    round(p.similarity()), p.how().name().toLowerCase(java.util.Locale.ROOT)));
        }
        for (int i = 0; i < x.size(); i++) {
            if (!usedX[i]) {
                parts.add(new TokenMatch(x.get(i).text(), "", 0, "unmatched"));
            }
        }
        for (int j = 0; j < y.size(); j++) {
            if (!usedY[j]) {
                parts.add(new TokenMatch("", y.get(j).text(), 0, "unmatched"));
            }
        }
        return parts;
    }

    private static String join(List<NameToken> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(' ');
            }
            b.append(tokens.get(i).text());
        }
        return b.toString();
    }
}
