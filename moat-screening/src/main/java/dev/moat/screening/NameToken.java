package dev.moat.screening;

/**
 * One word of a normalised name.
 *
 * @param text     lower-case ASCII form
 * @param skeleton phonetic key (see {@link PhoneticKey}); equal keys mean "sounds the same"
 * @param kind     what role the word plays, which sets its weight
 * @param strict   the word was transliterated from a syllabic or logographic script (Han, Hangul,
 *                 Kana), where one character is a whole syllable: it only matches exactly
 * @param countryName the word names a country ("chile", "germany"), which in a company name marks a subsidiary
 */
record NameToken(String text, String skeleton, Kind kind, boolean strict, boolean countryName) {

    enum Kind {
        WORD(1.0),
        NUMBER(1.0),
        INITIAL(0.5),
        PARTICLE(0.3);

        final double weight;

        Kind(double weight) {
            this.weight = weight;
        }
    }

    double weight() {
        return kind.weight;
    }
}
