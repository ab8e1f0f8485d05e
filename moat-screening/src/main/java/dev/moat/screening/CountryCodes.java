package dev.moat.screening;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the country names the lists use ("Korea, North", "Iran (Islamic Republic of)", "Burma",
 * "Region: Crimea") into ISO 3166 alpha-2 codes. The JDK's English country names cover most; the
 * table below adds the official and colloquial variants the lists actually print.
 */
public final class CountryCodes {

    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> BY_NAME = buildNames();

    private CountryCodes() {
    }

    /** The ISO code for a country name or code, or empty if it names no country. */
    public static Optional<String> code(String nameOrCode) {
        if (nameOrCode == null) {
            return Optional.empty();
        }
        String t = nameOrCode.strip();
        if (t.length() == 2 && ISO_CODES.contains(t.toUpperCase(Locale.ROOT))) {
            return Optional.of(t.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(BY_NAME.get(key(t)));
    }

    /** Whether the text is a known ISO 3166 alpha-2 code. */
    public static boolean isCode(String text) {
        return text != null && text.length() == 2 && ISO_CODES.contains(text.toUpperCase(Locale.ROOT));
    }

    private static String key(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Map<String, String> buildNames() {
        Map<String, String> m = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            m.put(key(Locale.of("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        String[][] variants = {
                {"Korea, North", "KP"}, {"North Korea", "KP"}, {"Democratic People's Republic of Korea", "KP"},
                {"Korea, South", "KR"}, {"South Korea", "KR"}, {"Republic of Korea", "KR"},
                {"Iran (Islamic Republic of)", "IR"}, {"Islamic Republic of Iran", "IR"},
                {"Russia", "RU"}, {"Russian Federation", "RU"},
                {"Syria", "SY"}, {"Syrian Arab Republic", "SY"},
                {"Burma", "MM"}, {"Myanmar (Burma)", "MM"},
                {"Congo, Democratic Republic of the", "CD"}, {"Democratic Republic of the Congo", "CD"},
                {"Congo, Republic of the", "CG"}, {"Republic of the Congo", "CG"},
                {"Cote d Ivoire", "CI"}, {"Cote d'Ivoire", "CI"}, {"Ivory Coast", "CI"},
                {"Bahamas, The", "BS"}, {"The Gambia", "GM"}, {"Gambia, The", "GM"},
                {"Laos", "LA"}, {"Lao People's Democratic Republic", "LA"},
                {"Vietnam", "VN"}, {"Viet Nam", "VN"}, {"Brunei", "BN"}, {"Macau", "MO"}, {"Macao", "MO"},
                {"Moldova", "MD"}, {"Republic of Moldova", "MD"},
                {"Tanzania", "TZ"}, {"United Republic of Tanzania", "TZ"},
                {"United Kingdom", "GB"}, {"United Kingdom of Great Britain and Northern Ireland", "GB"},
                {"UK", "GB"}, {"Great Britain", "GB"},
                {"United States", "US"}, {"United States of America", "US"}, {"USA", "US"},
                {"Turkey", "TR"}, {"Türkiye", "TR"}, {"Turkiye", "TR"},
                {"Czech Republic", "CZ"}, {"Czechia", "CZ"},
                {"Virgin Islands, British", "VG"}, {"British Virgin Islands", "VG"},
                {"Netherlands Antilles", "AN"}, {"Kosovo", "XK"},
                {"Palestinian", "PS"}, {"State of Palestine", "PS"}, {"West Bank", "PS"}, {"Region: Gaza", "PS"},
                {"Gaza", "PS"}, {"Palestinian Territories", "PS"},
                {"Region: Crimea", "UA"}, {"Crimea", "UA"}, {"Region: Northern Mali", "ML"},
                {"Region: Kafia Kingi", "SD"},
                {"China, Hong Kong Special Administrative Region", "HK"}, {"Hong Kong", "HK"},
                {"Taiwan", "TW"}, {"Bolivia", "BO"}, {"Venezuela", "VE"}, {"Micronesia", "FM"},
                {"Saint Kitts and Nevis", "KN"}, {"Saint Vincent and the Grenadines", "VC"},
                {"Bosnia and Herzegovina", "BA"}, {"Bosnia-Herzegovina", "BA"},
                {"Swaziland", "SZ"}, {"Eswatini", "SZ"}, {"Cabo Verde", "CV"}, {"Cape Verde", "CV"},
                {"Macedonia", "MK"}, {"North Macedonia", "MK"},
        };
        for (String[] v : variants) {
            m.put(key(v[0]), v[1]);
        }
        return Map.copyOf(m);
    }
}
