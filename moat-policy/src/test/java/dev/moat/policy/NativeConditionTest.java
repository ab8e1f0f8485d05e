package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeConditionTest {

    private static CompiledRule compile(String when) {
        return CompiledRule.compile(0, new PolicySettings.RuleSettings("r", when, "deny", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "org.tier == \"self-serve\" && request.network == \"hosting\"",
            "key.age_days < 7 && request.network == 'vpn'",
            "'d5' in org.groups || 'embargoed' in request.groups",
            "request.country in ['CN', 'RU'] && !(org.status == 'approved')",
            "time.weekday >= 6 && org.age_days <= 14 || time.hour > 22",
            "request.country != org.country",
            "(request.api == 'openai') == (request.model == 'model-a')",
            "has(request.country) && !has(request.subdivision)",
            "true",
    })
    void commonRulesRunWithoutTheInterpreter(String when) {
        assertThat(compile(when).isNative()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "time.now > timestamp('2027-01-01T00:00:00Z')",
            "100 / org.age_days > 1",
            "request.model.startsWith('model-')",
            "size(request.groups) > 0",
            "request.country < 'M'",
            "request.groups.exists(g, g == 'd5')",
            "has(request.groups)",
    })
    void everythingElseIsLeftToTheInterpreter(String when) {
        assertThat(compile(when).isNative()).isFalse();
    }

    @Property(tries = 200)
    void nativeConditionsAgreeWithTheInterpreter(@ForAll("conditions") String when, @ForAll("inputs") RuleAttributes.Inputs inputs)
            throws Exception {
        CompiledRule rule = compile(when);
        assertThat(rule.isNative()).as(when).isTrue();
        assertThat(rule.matches(inputs)).as(when).isEqualTo(rule.matchesInterpreted(inputs));
    }

    @Property(tries = 300)
    void hourAndWeekdayAreThoseOfUtc(@ForAll @net.jqwik.api.constraints.LongRange(min = -4_000_000_000L, max = 8_000_000_000L) long epochSecond) {
        Instant time = Instant.ofEpochSecond(epochSecond);
        RequestFacts facts = new RequestFacts(NetworkClassification.unknown(IpAddress.parseOrThrow("192.0.2.1")), "m", "openai",
                new RequestFacts.Organisation("o", "US", "t", "approved", 1), new RequestFacts.Key("k", 1), time);
        RuleAttributes.Inputs inputs = new RuleAttributes.Inputs(facts, List.of(), List.of());
        java.time.ZonedDateTime utc = time.atZone(java.time.ZoneOffset.UTC);
        assertThat(RuleAttributes.INTS.get("time.hour").applyAsLong(inputs)).isEqualTo(utc.getHour());
        assertThat(RuleAttributes.INTS.get("time.weekday").applyAsLong(inputs)).isEqualTo(utc.getDayOfWeek().getValue());
    }

    @Provide
    Arbitrary<String> conditions() {
        Arbitrary<String> atoms = Arbitraries.oneOf(
                Arbitraries.of("US", "CN", "IR", "DE", "unknown").map(c -> "request.country == '" + c + "'"),
                Arbitraries.of("tor", "vpn", "hosting", "residential", "unknown").map(n -> "request.network != '" + n + "'"),
                Arbitraries.of("self-serve", "enterprise").map(t -> "org.tier == '" + t + "'"),
                Combinators.combine(Arbitraries.of("<", "<=", ">", ">=", "==", "!="), Arbitraries.integers().between(-1, 40))
                        .as((op, n) -> "key.age_days " + op + " " + n),
                Combinators.combine(Arbitraries.of("<", ">="), Arbitraries.integers().between(0, 23)).as((op, n) -> "time.hour " + op + " " + n),
                Arbitraries.of("d5", "embargoed", "e1", "macau").map(g -> "'" + g + "' in request.groups"),
                Arbitraries.of("d5", "e2").map(g -> "'" + g + "' in org.groups"),
                Arbitraries.of("request.country in ['CN', 'RU', 'IR']", "request.country == org.country", "org.age_days > key.age_days",
                        "has(request.country)", "!has(request.subdivision)"));
        return Arbitraries.recursive(() -> atoms, inner -> Arbitraries.oneOf(
                Combinators.combine(inner, inner).as((a, b) -> "(" + a + " && " + b + ")"),
                Combinators.combine(inner, inner).as((a, b) -> "(" + a + " || " + b + ")"),
                inner.map(a -> "!(" + a + ")")), 0, 4);
    }

    @Provide
    Arbitrary<RuleAttributes.Inputs> inputs() {
        Arbitrary<String> countries = Arbitraries.of("US", "CN", "IR", "DE", "CU");
        Arbitrary<NetworkClassification> clients = Combinators.combine(countries.injectNull(0.2), Arbitraries.of(Network.class))
                .as((country, network) -> new NetworkClassification(IpAddress.parseOrThrow("198.51.100.1"),
                        Optional.ofNullable(country).map(c -> new GeoLocation(c, Optional.empty())), network, Optional.empty()));
        Arbitrary<RequestFacts.Organisation> organisations = Combinators.combine(countries, Arbitraries.of("self-serve", "enterprise"),
                        Arbitraries.longs().between(0, 40))
                .as((country, tier, age) -> new RequestFacts.Organisation("org", country, tier, "approved", age));
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 7 * 24 * 3600).map(s -> Instant.parse("2026-11-23T00:00:00Z").plusSeconds(s));
        Policy usExport = Policy.compile(PolicySettings.ofProfile("us-export"));
        return Combinators.combine(clients, organisations, Arbitraries.longs().between(0, 40), times).as((client, organisation, keyAge, time) -> {
            RequestFacts facts = new RequestFacts(client, "model-a", "openai", organisation, new RequestFacts.Key("key", keyAge), time);
            return new RuleAttributes.Inputs(facts, client.location().map(usExport::groupNamesOf).orElse(List.of()),
                    usExport.groupNamesOf(organisation.country()));
        });
    }
}
