package dev.moat.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the structured facts out of an OFAC SDN remarks field, which packs them as
 * {@code "DOB 10 Dec 1948; POB Gaza; nationality Jordan; Passport 123456 (Jordan); a.k.a. 'X'."}.
 */
final class OfacRemarks {

    private static final Pattern DOB = Pattern.compile("^(?:alt\\. )?DOB\\s+(.+)$");
    private static final Pattern NATIONALITY = Pattern.compile("^(?:alt\\. )?(?:nationality|citizen)\\s+(.+)$");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "^(?:alt\\. )?(Passport|National ID No\\.|Tax ID No\\.|Registration ID|Identification Number"
                    + "|Cedula No\\.|NIT #|RFC|C\\.U\\.R\\.P\\.|D\\.N\\.I\\.|SSN|Registration Number"
                    + "|Business Registration Number|Company Number|Commercial Registry Number"
                    + "|Public Registration Number|Matricula Mercantil No|Vessel Registration Identification"
                    + "|Aircraft Manufacturer's Serial Number \\(MSN\\)|Driver's License No\\.|Residency Number"
                    + "|Personal ID Card|Trade License No\\.|SWIFT/BIC|Legal Entity Number)\\s+(.+?)(?:\\s+\\(([^)]+)\\))?\\.?$");

    record Facts(List<String> datesOfBirth, List<String> countries, List<Identifier> identifiers) {
    }

    private OfacRemarks() {
    }

    static Facts parse(String remarks) {
        List<String> dobs = new ArrayList<>();
        List<String> countries = new ArrayList<>();
        List<Identifier> ids = new ArrayList<>();
        for (String raw : remarks.split(";")) {
            String part = raw.strip();
            if (part.endsWith(".") && !part.endsWith("No.")) {
                part = part.substring(0, part.length() - 1);
            }
            Matcher m;
            if ((m = DOB.matcher(part)).matches()) {
                dobs.addAll(BirthDates.parse(m.group(1)));
            } else if ((m = NATIONALITY.matcher(part)).matches()) {
                CountryCodes.code(m.group(1)).ifPresent(countries::add);
            } else if ((m = IDENTIFIER.matcher(part)).matches()) {
                String value = m.group(2).strip();
                if (value.startsWith("IMO ")) {
                    value = value.substring(4).strip();
                }
                String country = m.group(3) == null ? "" : CountryCodes.code(m.group(3)).orElse("");
                if (!value.isBlank()) {
                    ids.add(new Identifier(m.group(1), value, country));
                }
            }
        }
        return new Facts(dobs, countries, ids);
    }
}
