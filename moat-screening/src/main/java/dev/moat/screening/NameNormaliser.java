package dev.moat.screening;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a name to comparable words. In order:
 * <ol>
 *   <li>"SURNAME, Given" becomes "Given SURNAME" (unless what follows the comma is a legal form:
 *       "Apple, Inc." stays);</li>
 *   <li>other scripts are transliterated to Latin with ICU ({@code Any-Latin; Latin-ASCII}):
 *       Cyrillic, Greek, Arabic, Hebrew, Armenian, Georgian, Devanagari, Han (as pinyin syllables),
 *       Hangul, Kana; accents go;</li>
 *   <li>apostrophes vanish ("Qa'ida" is "qaida"), "&amp;" reads "and", dotted abbreviations join
 *       ("A.B.C." is {@code abc}, "S.A.R.L." is {@code sarl});</li>
 *   <li>digits inside words are read as the letters they imitate ("Ig0r" is {@code igor}),
 *       ordinals and number words become numbers ("1st", "first", "Forty-Four"), and outside
 *       people's names Roman numerals too ("Fund VI" is {@code fund 6}; a lone I, V or X only as
 *       the last word, and never "Xi", a surname);</li>
 *   <li>legal forms are taken out and canonicalised ({@link LegalForms}); in a person's name they
 *       are noise ("Nicolás Maduro SA") and are dropped;</li>
 *   <li>titles (Mr, Dr, President, Sheikh) are dropped, particles (al, bin, de, van, of, the) are
 *       kept with a low weight, and a word repeated in a row is kept once.</li>
 * </ol>
 * Stateless and thread-safe; ICU transliterators are kept per thread.
 */
final class NameNormaliser {

    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));
    private static final Pattern DOTTED = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{L})\\.(?:\\s?-?\\s?(\\p{L})\\.)*(?:-?(\\p{L})(?![\\p{L}\\p{N}.]))?");
    private static final Pattern SPLIT = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LOGOGRAPHIC = Pattern.compile("[\\p{IsHan}\\p{IsHangul}\\p{IsHiragana}\\p{IsKatakana}]");
    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(st|nd|rd|th)");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "president",
            "praesident", "prasident", "sheikh", "shaikh", "sheik", "sir", "madam", "mister", "hon", "honourable",
            "excellency", "his", "her");
    private static final Set<String> PARTICLES = Set.of("al", "el", "bin", "ibn", "ben", "bint", "binti", "de",
            "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das", "do", "y", "e",
            "of", "the", "and", "for", "und", "et", "i", "a", "an", "st");
    private static final Map<String, String> PARTICLE_SPELLINGS = Map.of("ibn", "bin", "ben", "bin", "el", "al",
            "bint", "bin", "binti", "bin");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
            Map.entry("first", 1), Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4),
            Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8),
            Map.entry("ninth", 9), Map.entry("tenth", 10));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);
    private static final Map<String, Integer> ROMAN = Map.ofEntries(
            Map.entry("i", 1), Map.entry("ii", 2), Map.entry("iii", 3), Map.entry("iv", 4), Map.entry("v", 5),
            Map.entry("vi", 6), Map.entry("vii", 7), Map.entry("viii", 8), Map.entry("ix", 9), Map.entry("x", 10),
            Map.entry("xii", 12), Map.entry("xiii", 13), Map.entry("xiv", 14),
            Map.entry("xv", 15), Map.entry("xvi", 16), Map.entry("xvii", 17), Map.entry("xviii", 18),
            Map.entry("xix", 19), Map.entry("xx", 20));

    private NameNormaliser() {
    }

    static NormalisedName normalise(String name, Optional<EntityType> type) {
        List<String> notes = new ArrayList<>();
        boolean person = type.orElse(null) == EntityType.PERSON;
        boolean organisationLike = type.isPresent() && type.get() != EntityType.PERSON;
        String text = reorderSurnameFirst(name, type, notes);
        boolean strict = LOGOGRAPHIC.matcher(text).find();
        String latin = toLatin(text, notes);
        latin = latin.replace("'", "").replace("\u2019", "").replace("`", "").replace("&", " and ");
        latin = joinDottedAbbreviations(latin);
        List<String> words = new ArrayList<>();
        for (String w : SPLIT.split(latin)) {
            if (!w.isEmpty()) {
                words.add(readDigitsAsLetters(w));
            }
        }
        words = numbersFromWords(words, !person, !person);
        String compact = String.join("", words);
        List<LegalForms.Form> forms = new ArrayList<>();
        words = extractLegalForms(words, forms);
        if (person && !forms.isEmpty()) {
            notes.add("legal form ignored in a person's name");
            forms.clear();
        }
        List<NameToken> tokens = new ArrayList<>();
        String previous = "";
        for (String w : words) {
            if (!organisationLike && TITLES.contains(w) && words.size() > 2) {
                notes.add("title '" + w + "' ignored");
                continue;
            }
            String spelled = PARTICLE_SPELLINGS.getOrDefault(w, w);
            if (spelled.equals(previous)) {
                continue;
            }
            previous = spelled;
            tokens.add(token(spelled, kind(spelled), strict));
        }
        if (tokens.stream().allMatch(t -> t.kind() == NameToken.Kind.PARTICLE)) {
            List<NameToken> promoted = new ArrayList<>();
            for (NameToken t : tokens) {
                promoted.add(token(t.text(), NameToken.Kind.WORD, t.strict()));
            }
            tokens = promoted;
        }
        if (tokens.isEmpty()) {
            for (LegalForms.Form f : forms) {
                tokens.add(token(f.canonical(), NameToken.Kind.WORD, false));
            }
        }
        return new NormalisedName(name, List.copyOf(tokens), List.copyOf(forms), compact, syllabic(name),
                List.copyOf(notes));
    }

    private static NameToken token(String text, NameToken.Kind kind, boolean strict) {
        boolean country = kind == NameToken.Kind.WORD && text.length() > 2 && CountryCodes.code(text).isPresent();
        return new NameToken(text, PhoneticKey.of(text), kind, strict, country);
    }

    private static String syllabic(String name) {
        StringBuilder b = new StringBuilder();
        Matcher m = LOGOGRAPHIC.matcher(name);
        while (m.find()) {
            b.append(m.group());
        }
        return b.toString();
    }

    private static NameToken.Kind kind(String w) {
        if (w.chars().allMatch(Character::isDigit)) {
            return NameToken.Kind.NUMBER;
        }
        if (w.length() == 1) {
            return NameToken.Kind.INITIAL;
        }
        return PARTICLES.contains(w) ? NameToken.Kind.PARTICLE : NameToken.Kind.WORD;
    }

    private static String reorderSurnameFirst(String name, Optional<EntityType> type, List<String> notes) {
        if (type.isPresent() && type.get() != EntityType.PERSON) {
            return name;
        }
        int comma = name.indexOf(',');
        if (comma <= 0 || comma != name.lastIndexOf(',')) {
            return name;
        }
        String after = name.substring(comma + 1).strip();
        String before = name.substring(0, comma).strip();
        if (after.isEmpty() || before.isEmpty()) {
            return name;
        }
        List<String> afterWords = new ArrayList<>();
        for (String w : SPLIT.split(joinDottedAbbreviations(toLatin(after, new ArrayList<>())))) {
            if (!w.isEmpty()) {
                afterWords.add(w);
            }
        }
        if (LegalForms.lookup(afterWords).isPresent() || afterWords.isEmpty()) {
            return name;
        }
        notes.add("'SURNAME, Given' order read as '" + after + " " + before + "'");
        return after + " " + before;
    }

    private static String toLatin(String text, List<String> notes) {
        boolean ascii = text.chars().allMatch(c -> c < 128);
        if (ascii) {
            return text.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKC);
        String latin = TO_LATIN.get().transliterate(decomposed);
        boolean nonLatin = decomposed.codePoints().anyMatch(c -> Character.isLetter(c)
                && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN);
        if (nonLatin) {
            notes.add("transliterated to '" + latin.strip() + "'");
        }
        StringBuilder b = new StringBuilder(latin.length());
        latin.toLowerCase(Locale.ROOT).codePoints().filter(c -> c < 128).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static String joinDottedAbbreviations(String text) {
        Matcher m = DOTTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String letters = m.group().replaceAll("[^\\p{L}]", "");
            m.appendReplacement(out, " " + letters + " ");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "Ig0r Sech1n": digits inside a word that starts with a letter stand for letters. */
    private static String readDigitsAsLetters(String w) {
        if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || w.chars().noneMatch(Character::isDigit)) {
            return w;
        }
        if (ORDINAL.matcher(w).matches()) {
            return w;
        }
        StringBuilder b = new StringBuilder(w.length());
        for (char c : w.toCharArray()) {
            b.append(switch (c) {
                case '0' -> 'o';
                case '1' -> 'i';
                case '3' -> 'e';
                case '4' -> 'a';
                case '5' -> 's';
                case '7' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c;
            });
        }
        return b.toString();
    }

    private static List<String> numbersFromWords(List<String> words, boolean readWords, boolean readRoman) {
        List<String> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Matcher ordinal = ORDINAL.matcher(w);
            if (ordinal.matches()) {
                out.add(Integer.toString(Integer.parseInt(ordinal.group(1))));
                continue;
            }
            if (readWords && TENS.containsKey(w)) {
                int value = TENS.get(w);
                if (i + 1 < words.size()) {
                    String next = words.get(i + 1);
                    Integer unit = NUMBER_WORDS.get(next);
                    if (unit != null && unit < 10) {
                        value += unit;
                        i++;
                    } else if (next.matches("[1-9]")) {
                        value += Integer.parseInt(next);
                        i++;
                    }
                }
                out.add(Integer.toString(value));
                continue;
            }
            if (readWords && NUMBER_WORDS.containsKey(w) && words.size() > 1) {
                out.add(NUMBER_WORDS.get(w).toString());
                continue;
            }
            boolean romanHere = w.length() >= 2 || i == words.size() - 1;
            if (readRoman && i > 0 && romanHere && ROMAN.containsKey(w)) {
                out.add(ROMAN.get(w).toString());
                continue;
            }
            out.add(w);
        }
        return out;
    }

    /**
     * Takes legal forms out, longest phrase first. A short one-word form ("as", "sa", "co") counts
     * only at the start or end of the name, where legal forms stand; in the middle it is a word.
     */
    private static List<String> extractLegalForms(List<String> words, List<LegalForms.Form> forms) {
        List<String> out = new ArrayList<>(words.size());
        int i = 0;
        while (i < words.size()) {
            boolean found = false;
            for (int len = Math.min(LegalForms.LONGEST, words.size() - i); len >= 1; len--) {
                if (len == words.size()) {
                    continue;
                }
                List<String> phrase = words.subList(i, i + len);
                Optional<LegalForms.Form> form = LegalForms.lookup(phrase);
                if (form.isEmpty()) {
                    continue;
                }
                boolean atEdge = i == 0 || i + len == words.size()
                        || LegalForms.lookup(words.subList(i + len, Math.min(words.size(), i + len + 1))).isPresent();
                if (len == 1 && LegalForms.ambiguousAlone(phrase.getFirst()) && !atEdge) {
                    continue;
                }
                forms.add(form.get());
                i += len;
                found = true;
                break;
            }
            if (!found) {
                out.add(words.get(i));
                i++;
            }
        }
        return out;
    }
}
