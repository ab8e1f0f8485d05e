package dev.moat.screening;

import java.util.List;
import java.util.Set;

/**
 * A name reduced to what matching compares.
 *
 * @param original   the name as given
 * @param tokens     the name's words, without legal forms and titles
 * @param legalForms the legal forms found in it
 * @param compact    every word including legal forms, concatenated: "JSC ARGUMENT" and "JSCARGUMENT" share it
 * @param syllabic   the name's Han, Hangul and Kana characters, one syllable each; empty for other scripts
 * @param notes      what normalisation did that a reader of an explanation should know
 */
record NormalisedName(String original, List<NameToken> tokens, List<LegalForms.Form> legalForms, String compact,
        String syllabic, List<String> notes) {

    Set<LegalForms.Family> specificFamilies() {
        var families = java.util.EnumSet.noneOf(LegalForms.Family.class);
        for (LegalForms.Form f : legalForms) {
            if (f.family() != LegalForms.Family.GENERIC) {
                families.add(f.family());
            }
        }
        return families;
    }

    List<String> numbers() {
        return tokens.stream().filter(t -> t.kind() == NameToken.Kind.NUMBER).map(NameToken::text).sorted().toList();
    }
}
