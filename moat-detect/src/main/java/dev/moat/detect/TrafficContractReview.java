package dev.moat.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A law firm's due-diligence review of a deal's data room: every request is one of the target company's contracts
 * (its type, parties and three to seven numbered clauses) under the firm's one review template, which asks for every
 * clause that matters to the acquirer with a risk rating and the reasoning behind it, step by step, and the questions
 * to put to the seller. One template, reasoning asked for, long answers, hundreds of contracts in a burst when a data
 * room opens — and all of it the firm's own documents, nothing from any harvesting set. Written for the held-out set
 * holdout7 as an ordinary kind a naive harvest detector would mistake for harvesting.
 */
final class TrafficContractReview implements TrafficContent {

    static final String LEAD = "Review the contract below for the acquirer's due-diligence report on Project ";
    private static final List<String> TYPES = List.of("Master Services Agreement", "Software Licence Agreement",
            "Supply Agreement", "Distribution Agreement", "Commercial Lease", "Reseller Agreement",
            "Data Processing Agreement", "Joint Development Agreement", "Consultancy Agreement", "Framework Agreement");
    private static final List<String> CLAUSES = List.of(
            "Termination. Either party may terminate this Agreement on {days} days' written notice. {us} may terminate"
                    + " immediately if {them} undergoes a change of control.",
            "Change of Control. {us} shall notify {them} within {days} days of any change of control of {us}; {them}"
                    + " may then terminate without liability.",
            "Limitation of Liability. Neither party's aggregate liability shall exceed {amount}, save for liability"
                    + " arising from fraud or wilful misconduct.",
            "Exclusivity. During the Term, {us} shall not supply similar products to any competitor of {them} in {region}.",
            "Assignment. Neither party may assign this Agreement without the prior written consent of the other, such"
                    + " consent not to be unreasonably withheld.",
            "Governing Law. This Agreement is governed by the laws of {law}, whose courts have exclusive jurisdiction.",
            "Indemnity. {us} shall indemnify {them} against all losses arising from third-party intellectual property"
                    + " claims, without limit.",
            "Renewal. This Agreement renews automatically for successive {years}-year terms unless either party gives"
                    + " notice at least {days} days before expiry.",
            "Most Favoured Customer. {us} warrants that the fees charged to {them} are no higher than those charged to"
                    + " any other customer of {us}.",
            "Non-solicitation. For {years} years after termination neither party shall solicit the other's employees.",
            "Data Protection. {us} shall process personal data only on documented instructions and shall notify {them}"
                    + " of any personal data breach within {hours} hours.",
            "Minimum Purchase. {them} shall purchase products worth at least {amount} in each contract year; any"
                    + " shortfall is payable as liquidated damages.",
            "Price Review. Fees increase on each anniversary by the higher of {pct} per cent and the consumer price index.",
            "Confidentiality. The obligations in this clause survive for {years} years after termination.",
            "Audit. {them} may audit {us}'s records relating to this Agreement once a year on {days} days' notice.");
    private static final List<String> REGIONS = List.of("the European Economic Area", "North America", "the United Kingdom",
            "the Asia-Pacific region", "any country where {them} operates");
    private static final List<String> LAWS = List.of("England and Wales", "the State of New York", "Delaware", "Germany",
            "the Netherlands", "Singapore", "Ontario");
    private static final List<String> CODENAMES = List.of("Falcon", "Juniper", "Atlas", "Heron", "Cobalt", "Linden",
            "Marlin", "Quartz", "Saffron", "Tundra", "Willow", "Orion");
    private static final List<String> FIRMS = List.of("Harcourt Vell", "Brandt & Okafor", "Lindqvist Marsh",
            "Takeda Rowe", "Ashworth Delacroix", "Pereira Kline");
    private static final List<String> SYLLABLES = List.of("ver", "ta", "lo", "mi", "nor", "ax", "el", "qui", "bra", "son",
            "dal", "ri");
    private static final List<String> SUFFIXES = List.of(" Ltd", " GmbH", " Inc", " BV", " plc", " LLC", " SAS");

    private final String firm;
    private final String project;
    private final int maxTokens;
    private final boolean thinking;

    /**
     * @param firm    the law firm, named in its system prompt
     * @param project the deal's code name, in the review template
     */
    TrafficContractReview(String firm, String project, int maxTokens, boolean thinking) {
        this.firm = firm;
        this.project = project;
        this.maxTokens = maxTokens;
        this.thinking = thinking;
    }

    static String firm(SplittableRandom random) {
        return pick(FIRMS, random);
    }

    static String project(SplittableRandom random) {
        return pick(CODENAMES, random);
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String target = company(random);
        String counterparty = company(random);
        boolean targetSupplies = random.nextBoolean();
        String us = targetSupplies ? target : counterparty;
        String them = targetSupplies ? counterparty : target;
        StringBuilder contract = new StringBuilder();
        contract.append(pick(TYPES, random).toUpperCase(Locale.ROOT)).append("\nbetween ").append(us)
                .append(" (the Supplier) and ").append(them).append(" (the Customer), dated ")
                .append(1 + random.nextInt(28)).append(' ')
                .append(pick(List.of("January", "March", "April", "June", "September", "November"), random)).append(' ')
                .append(2015 + random.nextInt(11)).append("\n\n");
        int clauses = 3 + random.nextInt(5);
        int first = 2 + random.nextInt(10);
        for (int c = 0; c < clauses; c++) {
            String clause = pick(CLAUSES, random)
                    .replace("{region}", pick(REGIONS, random))
                    .replace("{us}", us).replace("{them}", them)
                    .replace("{days}", Integer.toString(List.of(10, 14, 30, 60, 90, 180).get(random.nextInt(6))))
                    .replace("{years}", Integer.toString(1 + random.nextInt(5)))
                    .replace("{hours}", Integer.toString(List.of(24, 48, 72).get(random.nextInt(3))))
                    .replace("{pct}", Integer.toString(2 + random.nextInt(6)))
                    .replace("{law}", pick(LAWS, random))
                    .replace("{amount}", pick(List.of("EUR ", "USD ", "GBP "), random)
                            + (50 + random.nextInt(950)) * 1_000);
            contract.append(first + c).append('.').append(1 + random.nextInt(6)).append(' ').append(clause).append('\n');
        }
        String text = LEAD + project + ". The target is " + target + ". For each clause that matters to the acquirer"
                + " (change of control, termination, exclusivity, liability, assignment, unusual obligations), give the"
                + " clause number, a risk rating (high, medium or low) and explain the reasoning behind the rating step"
                + " by step; then list the questions to put to the seller. Quote the clause wording you rely on.\n\n"
                + contract.toString().strip();
        String system = "You assist the corporate team of " + firm + " LLP with due-diligence reviews. Be precise, cite"
                + " clause numbers, and write in the firm's memo style. Do not give advice beyond the documents provided.";
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, 0, 0, thinking);
        String answer = "Clause " + first + " — risk: " + pick(List.of("high", "medium", "low"), random)
                + ". Reasoning: the clause gives the counterparty a right that the acquisition itself could trigger;"
                + " we would need the seller to confirm whether consent has been sought.\n\nQuestions for the seller: "
                + "1. Has " + them + " been approached about the transaction?";
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(180.0 * clauses, 0.3, random)));
        long reasoning = thinking ? TrafficText.tokensAround(900, 0.5, random) : 0;
        return new TrafficExchange(request, Optional.of(answer), completion, reasoning, false);
    }

    private static String company(SplittableRandom random) {
        String name = pick(SYLLABLES, random) + pick(SYLLABLES, random) + pick(SYLLABLES, random);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + pick(SUFFIXES, random);
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
