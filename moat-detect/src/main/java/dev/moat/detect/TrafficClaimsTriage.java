package dev.moat.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An insurer's claims-triage pipeline, as its claims system calls the model for every first notice of loss of one line
 * of business: the line's triage guidelines as the system prompt, then the claim — claim and policy numbers, dates, the
 * sums involved and the claimant's own account of what happened — and one fixed request for a severity, the coverage
 * questions, the fraud indicators of the checklist, a route (fast track, adjuster, special investigation) and the
 * reasoning behind them step by step, as JSON, so the adjuster who picks the claim up can check every conclusion. The
 * claims are composed here from each line's incident patterns, never from the harvesting material. Written for the
 * held-out set holdout12.
 */
final class TrafficClaimsTriage implements TrafficContent {

    /** A line of business: its name and what its claimants report, with {amount}, {place} and {days} to fill in. */
    record Line(String name, List<String> incidents) {
    }

    static final List<Line> LINES = List.of(
            new Line("motor", List.of(
                    "I was stopped at the lights on {place} when the car behind ran into me. The rear bumper and boot lid "
                            + "are damaged and the garage quoted {amount} for the repair.",
                    "Someone reversed into my car in the {place} car park and drove off. I found a dent in the driver's "
                            + "door and a cracked wing mirror; the body shop estimate is {amount}.",
                    "A stone from a lorry cracked the windscreen on the way to {place}. The windscreen company wants "
                            + "{amount} to replace it.",
                    "My car was broken into overnight outside my flat near {place}. They smashed the side window and took "
                            + "a laptop bag; I reported it to the police {days} days ago.",
                    "I skidded on ice and hit a wall on {place}. Nobody was hurt but the front of the car is badly damaged "
                            + "and it had to be towed; the tow alone was {amount}.")),
            new Line("home", List.of(
                    "Water has been coming through the kitchen ceiling since a pipe burst upstairs {days} days ago. The "
                            + "plasterer quoted {amount} and the flooring will need replacing too.",
                    "The storm last night took a section of roof tiles off and rain got into the back bedroom. An "
                            + "emergency roofer covered it for {amount}.",
                    "We came back from holiday to find the back door forced and jewellery and a television missing. The "
                            + "police attended; we think the items were worth about {amount}.",
                    "A fire started in the tumble dryer in the utility room. The fire brigade put it out quickly but "
                            + "there is smoke damage through the ground floor near {place}.",
                    "Cracks have appeared in the walls of the extension over the last {days} days and the doors no "
                            + "longer close. A surveyor mentioned subsidence; the survey cost {amount}.")),
            new Line("travel", List.of(
                    "My flight from {place} was cancelled and the airline could only rebook me two days later. I paid "
                            + "{amount} for a hotel and meals in the meantime.",
                    "I fell on a wet floor in the hotel in {place} and broke my wrist. The hospital bill was {amount} "
                            + "and I had to fly home early.",
                    "My suitcase never arrived in {place}. After {days} days the airline says it is lost; I spent "
                            + "{amount} on clothes and toiletries.",
                    "I had to cancel the whole trip because my mother was taken into hospital {days} days before we "
                            + "were due to leave. The non-refundable bookings came to {amount}.")),
            new Line("pet", List.of(
                    "Our dog swallowed part of a toy and needed surgery at the emergency vet near {place}. The bill was "
                            + "{amount}.",
                    "The cat has been limping for {days} days; the vet did X-rays and found a fracture. Treatment so far "
                            + "is {amount}.",
                    "Our dog was diagnosed with diabetes and needs insulin and check-ups; the first month cost "
                            + "{amount}.")),
            new Line("commercial property", List.of(
                    "A delivery van hit the shop front on {place} and the glass and frame need replacing; the glazier "
                            + "quoted {amount}. We had to close for {days} days.",
                    "The freezer in our restaurant failed over the weekend and we lost all the stock, about {amount}, "
                            + "and could not open on Monday.",
                    "Vandals sprayed graffiti across the warehouse on {place} and broke two roller shutters. The "
                            + "contractor's quote is {amount}.")));

    private static final List<String> PLACES = List.of("the High Street", "Station Road", "the ring road", "Mill Lane",
            "the retail park", "Church Street", "Barcelona", "Lisbon", "Orlando", "the market square", "Park Avenue");
    private static final String REQUEST = "Triage this first notice of loss. Return JSON with the keys severity (1 to "
            + "5), coverage_questions, fraud_indicators (only items of the checklist), route (fast_track, adjuster or "
            + "special_investigation) and reasoning: explain step by step how you reached the severity and the route, "
            + "citing the guideline for each step, so the adjuster can check it.";

    private final Line line;
    private final String system;
    private final String prefix;
    private final int maxTokens;

    /**
     * @param insurer the insurer whose guidelines the system prompt states
     * @param prefix  the insurer's claim-number prefix
     */
    TrafficClaimsTriage(String insurer, Line line, String prefix, int maxTokens, SplittableRandom random) {
        this.line = line;
        this.prefix = prefix;
        this.maxTokens = maxTokens;
        this.system = "You triage " + line.name() + " claims for " + insurer + ". Severity 1 is a small, clear claim "
                + "that can be paid on the fast track; severity 5 involves injury, a total loss or a sum above "
                + (5 + random.nextInt(46)) + ",000. Fraud checklist: the policy started shortly before the loss; the "
                + "claimant is hard to reach; the sums are round or the receipts are missing; the account changes; "
                + "the loss was reported late. Never decide cover yourself: flag questions for the adjuster.";
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String account = line.incidents().get(random.nextInt(line.incidents().size()))
                .replace("{place}", PLACES.get(random.nextInt(PLACES.size())))
                .replace("{amount}", String.format(Locale.ROOT, "%,d", 80 + random.nextInt(12_000)))
                .replace("{days}", Integer.toString(1 + random.nextInt(20)));
        int policyAgeDays = 10 + random.nextInt(3_000);
        String claim = "Claim " + prefix + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000))
                + "\nPolicy: " + prefix.charAt(0) + "P-" + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000))
                + ", in force for " + policyAgeDays + " days\nLine: " + line.name()
                + "\nReported: " + (random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 0) + " days after the loss"
                + "\nClaimant's account: " + account;
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", claim + "\n\n" + REQUEST)), 1, maxTokens,
                OptionalDouble.of(0.2), 1, false, false, 0, 0, 0, false);
        int severity = 1 + random.nextInt(5);
        String answer = "{\"severity\": " + severity + ", \"coverage_questions\": [\"Is the damage within the policy's "
                + line.name() + " cover?\"], \"fraud_indicators\": [], \"route\": \""
                + (severity <= 2 ? "fast_track" : "adjuster") + "\", \"reasoning\": \"1. The claimant reports "
                + "the loss promptly. 2. The sum is within the fast-track limit. 3. Nothing on the checklist applies.\"}";
        long completion = Math.min(maxTokens, TrafficText.tokens(answer) + TrafficText.tokensAround(220, 0.5, random));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }
}
