package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785's own examples (sections 3.2.2, 3.2.3 and appendix B). */
class CanonicalJsonTest {
    @Test
    void theRfcMainExampleIsCanonicalised() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;
        assertThat(CanonicalJson.toText(JsonReader.parse(input))).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void membersAreSortedByUtf16CodeUnits() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> sorted = (Map<String, Object>) JsonReader.parse(CanonicalJson.toText(JsonReader.parse(input)));
        assertThat(List.copyOf(sorted.values())).containsExactly("Carriage Return", "One", "Control",
                "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face",
                "Hebrew Letter Dalet With Dagesh");
    }

    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0", "8000000000000000, 0", "0000000000000001, 5e-324", "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308", "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992", "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000", "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23", "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000", "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21", "3eb0c6f7a0b5ed8c, 9.999999999999997e-7", "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332", "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333", "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343", "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2"
    })
    void numbersAreWrittenAsEcmaScriptDoes(String ieeeHex, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertThat(CanonicalJson.toText(value)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void everyFiniteDoubleRoundTripsThroughItsCanonicalForm(@ForAll double value) {
        String text = CanonicalJson.toText(value);
        assertThat(Double.parseDouble(text)).isEqualTo(value == 0 ? 0.0 : value);
    }

    @Property(tries = 2000)
    void integersAreWrittenAsTheirDoubleIs(@ForAll long value) {
        // Integers take a fast path; it must agree with the double formatting wherever the value is exact.
        double asDouble = value;
        boolean exact = Double.isFinite(asDouble) && new java.math.BigDecimal(asDouble).toBigIntegerExact()
                .equals(BigInteger.valueOf(value));
        if (exact) {
            assertThat(CanonicalJson.toText(value)).isEqualTo(CanonicalJson.toText(asDouble));
        } else {
            assertThatThrownBy(() -> CanonicalJson.toText(value)).hasMessageContaining("write it as a string");
        }
    }

    @Test
    void integersAtTheEdgesOfTheExactRange() {
        assertThat(CanonicalJson.toText(1L << 53)).isEqualTo("9007199254740992");
        assertThat(CanonicalJson.toText(-(1L << 53))).isEqualTo("-9007199254740992");
        assertThat(CanonicalJson.toText(Long.MIN_VALUE)).isEqualTo("-9223372036854776000");
        assertThat(CanonicalJson.toText(Integer.MIN_VALUE)).isEqualTo("-2147483648");
    }

    @Property(tries = 200)
    void canonicalisingCanonicalTextChangesNothing(@ForAll("jsonValues") Object value) {
        String canonical = CanonicalJson.toText(value);
        Object reparsed = JsonReader.parse(canonical);
        assertThat(CanonicalJson.toText(reparsed)).isEqualTo(canonical);
        assertThat(canonical).doesNotContain("\n");
    }

    @Property(tries = 500)
    void anObjectIsWrittenTheSameWhateverMapHoldsIt(@ForAll("memberNames") List<String> names) {
        Map<String, Object> inOrder = new LinkedHashMap<>();
        Map<String, Object> reversed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            inOrder.put(names.get(i), (long) i);
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.put(names.get(i), inOrder.get(names.get(i)));
        }
        java.util.TreeMap<String, Object> natural = new java.util.TreeMap<>(inOrder);
        java.util.TreeMap<String, Object> backwards = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        backwards.putAll(inOrder);

        String text = CanonicalJson.toText(inOrder);

        assertThat(CanonicalJson.toText(reversed)).isEqualTo(text);
        assertThat(CanonicalJson.toText(new java.util.HashMap<>(inOrder))).isEqualTo(text);
        assertThat(CanonicalJson.toText(natural)).isEqualTo(text);
        assertThat(CanonicalJson.toText(backwards)).isEqualTo(text);
        java.util.List<String> sorted = new java.util.ArrayList<>(natural.keySet());
        java.util.Collections.sort(sorted); // String.compareTo: UTF-16 code units
        assertThat(JsonReader.parse(text)).isInstanceOfSatisfying(Map.class,
                parsed -> assertThat(List.copyOf(((Map<?, ?>) parsed).keySet())).isEqualTo(sorted));
    }

    @Provide
    Arbitrary<List<String>> memberNames() {
        return Arbitraries.strings().all().ofMaxLength(5).filter(CanonicalJsonTest::isValidUnicode).list().ofMaxSize(40).uniqueElements();
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).filter(CanonicalJsonTest::isValidUnicode).map(o -> (Object) o),
                Arbitraries.doubles().map(o -> (Object) o),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(o -> (Object) o),
                Arbitraries.of(true, false).map(o -> (Object) o),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(o -> (Object) o),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(6).filter(CanonicalJsonTest::isValidUnicode), inner)
                        .ofMaxSize(4).map(o -> (Object) o)), 3);
    }

    private static boolean isValidUnicode(String text) {
        return text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    @Test
    void javaValuesAreWrittenInCanonicalForm() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", 42L);
        entry.put("kind", "access.decision");
        entry.put("reasons", List.of("region_restricted", "tab\there"));
        entry.put("ok", false);
        entry.put("note", null);
        assertThat(CanonicalJson.toText(entry)).isEqualTo(
                "{\"kind\":\"access.decision\",\"note\":null,\"ok\":false,\"reasons\":[\"region_restricted\",\"tab\\there\"],\"seq\":42}");
    }

    @Test
    void valuesWithoutAnExactJsonFormAreRefused() {
        assertThatThrownBy(() -> CanonicalJson.toText(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.toText((1L << 53) + 1)).hasMessageContaining("write it as a string");
        assertThatThrownBy(() -> CanonicalJson.toText(BigInteger.TEN.pow(400))).hasMessageContaining("not exactly");
        assertThatThrownBy(() -> CanonicalJson.toText("\ud800")).hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> CanonicalJson.toText(Map.of(1, "x"))).hasMessageContaining("must be strings");
        assertThatThrownBy(() -> CanonicalJson.toText(new Object())).hasMessageContaining("expected: Map, List");
    }

    @Test
    void theParserRefusesAmbiguousOrBrokenText() {
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> JsonReader.parse("[1,]")).hasMessageContaining("offset 3");
        assertThatThrownBy(() -> JsonReader.parse("01")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> JsonReader.parse("{} x")).hasMessageContaining("end of input");
    }
}
