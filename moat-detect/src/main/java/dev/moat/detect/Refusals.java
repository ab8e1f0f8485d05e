package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether an answer opens with a refusal ("I can't help with that", "I'm sorry, but I cannot provide …").
 *
 * <p>Why it matters: ordinary customers are refused now and then — well under one answer in a hundred, even in a
 * consumer chat product whose users try their luck. An account refused in a tenth or more of its answers, at volume,
 * is mapping where the model draws its lines: borderline requests in many framings, asking again after a refusal,
 * asking whether the model would answer at all. That is how a lab distils another's safety judgment (and how a
 * jailbreak is searched for), and it shows in the answers whatever the requests' wording.
 *
 * <p>Only the answer's opening is read: a refusal comes first, and a long answer that mentions "I can't provide
 * legal advice" in its fifth paragraph has answered.
 */
final class Refusals {

    /** Characters of an answer's opening searched for a refusal. */
    static final int OPENING_CHARS = 240;

    /** First-person refusals as models phrase them (compared ignoring case). */
    private static final List<String> PHRASES = withTypographicApostrophes(List.of(
            "i can't help with", "i cannot help with", "i can't help you with", "i cannot help you with",
            "i can't assist", "i cannot assist", "i won't assist", "i will not assist",
            "i can't provide", "i cannot provide", "i won't provide", "i will not provide",
            "i can't give", "i cannot give", "i won't give", "i can't share", "i cannot share",
            "i can't comply", "i cannot comply", "i must decline", "i have to decline", "i need to decline",
            "i'm not able to help", "i am not able to help", "i'm not able to provide", "i am not able to provide",
            "i'm unable to help", "i am unable to help", "i'm unable to provide", "i am unable to provide",
            "i'm not going to help", "i am not going to help", "i'm not going to provide",
            "i won't help", "i will not help", "i can't go into", "i cannot go into", "i won't go into",
            "i can't walk you through", "i cannot walk you through", "i won't walk you through",
            "i can't explain how to", "i cannot explain how to"));

    private Refusals() {
    }

    /** Whether {@code answer} opens with a refusal (see the class comment); false for an empty answer. */
    static boolean opensWithRefusal(String answer) {
        int opening = Math.min(answer.length(), OPENING_CHARS);
        for (int i = 0; i < opening; i++) {
            char c = answer.charAt(i);
            // every phrase starts with the word "I" ("I can't", "I'm", "I cannot"): only where that word stands is
            // there anything to compare, and "in", "is", "it" are passed over at their second letter
            if ((c == 'I' || c == 'i') && (i == 0 || !Character.isLetter(answer.charAt(i - 1)))
                    && i + 1 < answer.length() && endsTheWordI(answer.charAt(i + 1)) && refusesAt(answer, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsTheWordI(char next) {
        return next == ' ' || next == '\'' || next == '\u2019';
    }

    private static boolean refusesAt(String answer, int at) {
        for (String phrase : PHRASES) {
            if (answer.regionMatches(true, at, phrase, 0, phrase.length())) {
                return true;
            }
        }
        return false;
    }

    /** Each phrase as written and, where it has an apostrophe, with the typographic one (U+2019) models often use. */
    private static List<String> withTypographicApostrophes(List<String> phrases) {
        List<String> all = new ArrayList<>(phrases);
        for (String phrase : phrases) {
            if (phrase.indexOf('\'') >= 0) {
                all.add(phrase.replace('\'', '\u2019'));
            }
        }
        return List.copyOf(all);
    }
}
