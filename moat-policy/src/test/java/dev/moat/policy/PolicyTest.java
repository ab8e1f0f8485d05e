package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {

    private static final Instant NOON_WEDNESDAY = Instant.parse("2026-11-25T12:00:00Z");

    static RequestFacts facts(String country, Network network) {
        return facts(country, Optional.empty(), network, "approved-tier");
    }

    static RequestFacts facts(String country, Optional<String> subdivision, Network network, String tier) {
        Optional<GeoLocation> location = country == null ? Optional.empty() : Optional.of(new GeoLocation(country, subdivision));
        NetworkClassification client = new NetworkClassification(IpAddress.parseOrThrow("203.0.113.7"), location, network,
                network == Network.VPN ? Optional.of(CidrRange.parseOrThrow("203.0.113.0/24")) : Optional.empty());
        return new RequestFacts(client, "model-a", "openai", new RequestFacts.Organisation("org_1", "US", tier, "approved", 400),
                new RequestFacts.Key("key_1", 30), NOON_WEDNESDAY);
    }

    private static PolicySettings.RuleSettings rule(String name, String when, String action) {
        return new PolicySettings.RuleSettings(name, when, action, "");
    }

    private static PolicySettings withRules(PolicySettings.RuleSettings... rules) {
        return new PolicySettings("us-export", Map.of(), Map.of(), Map.of(), Map.of(), List.of(rules));
    }

    private final Policy usExport = Policy.compile(PolicySettings.ofProfile("us-export"));

    @ParameterizedTest
    @ValueSource(strings = {"CU", "IR", "KP", "SY"})
    void comprehensiveEmbargoesAreDeniedAsRegionRestricted(String country) {
        PolicyDecision decision = usExport.decide(facts(country, Network.RESIDENTIAL));
        assertThat(decision.action()).isEqualTo(Action.DENY);
        assertThat(decision.code()).contains(DenialCode.REGION_RESTRICTED);
        assertThat(decision.decidedBy()).isEqualTo("group:embargoed");
        assertThat(decision.clientMessage()).contains("us-export").doesNotContain("embargoed");
        assertThat(decision.reasons()).anyMatch(reason -> reason.contains("country " + country + " is in group embargoed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AF", "BY", "MM", "CF", "CN", "CD", "ER", "HT", "IQ", "LB", "LY", "NI", "RU", "SO", "SS", "SD", "VE", "ZW"})
    void countryGroupD5IsDenied(String country) {
        PolicyDecision decision = usExport.decide(facts(country, Network.RESIDENTIAL));
        assertThat(decision.action()).isEqualTo(Action.DENY);
        assertThat(decision.decidedBy()).isEqualTo("group:d5");
    }

    @Test
    void macauIsDenied() {
        assertThat(usExport.decide(facts("MO", Network.RESIDENTIAL)).decidedBy()).isEqualTo("group:macau");
    }

    @ParameterizedTest
    @ValueSource(strings = {"US", "DE", "GB", "JP", "BR", "IN", "UA", "KH", "HK", "TW"})
    void everythingElseIsAllowed(String country) {
        PolicyDecision decision = usExport.decide(facts(country, Network.RESIDENTIAL));
        assertThat(decision.action()).isEqualTo(Action.ALLOW);
        assertThat(decision.code()).isEmpty();
        assertThat(decision.decidedBy()).isEqualTo("default");
    }

    @Test
    void groupsE1AndE2CanBeNamedAndHoldTheirMembers() {
        assertThat(usExport.groupNamesOf("IR")).contains("embargoed", "d5", "e1").doesNotContain("e2");
        assertThat(usExport.groupNamesOf("CU")).contains("embargoed", "d5", "e2").doesNotContain("e1");
        assertThat(usExport.groupNamesOf("KP")).contains("e1");
        assertThat(usExport.groupNamesOf("SY")).contains("e1");
        Policy e1Review = Policy.compile(new PolicySettings("none", Map.of(), Map.of("e1", List.of("IR")), Map.of("e1", "review"), Map.of(), List.of()));
        assertThat(e1Review.decide(facts("IR", Network.RESIDENTIAL)).action()).isEqualTo(Action.REVIEW);
    }

    @Test
    void occupiedRegionsAreDeniedOnlyWhenTheDataReportsTheSubdivision() {
        PolicyDecision crimea = usExport.decide(facts("UA", Optional.of("UA-43"), Network.RESIDENTIAL, "t"));
        assertThat(crimea.action()).isEqualTo(Action.DENY);
        assertThat(crimea.reasons()).anyMatch(reason -> reason.contains("region UA-43 is in group embargoed"));
        for (String region : List.of("UA-40", "UA-14", "UA-09")) {
            assertThat(usExport.decide(facts("UA", Optional.of(region), Network.RESIDENTIAL, "t")).action()).isEqualTo(Action.DENY);
        }
        assertThat(usExport.decide(facts("UA", Optional.of("UA-30"), Network.RESIDENTIAL, "t")).action()).isEqualTo(Action.ALLOW);
        assertThat(usExport.decide(facts("UA", Network.RESIDENTIAL)).action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void unknownCountryIsAllowedByTheProfileAndDecidedByTheUnknownNetworkAction() {
        assertThat(usExport.decide(facts(null, Network.UNKNOWN)).action()).isEqualTo(Action.ALLOW);
        Policy strict = Policy.compile(new PolicySettings("us-export", Map.of("unknown", "deny"), Map.of(), Map.of(), Map.of(), List.of()));
        PolicyDecision decision = strict.decide(facts(null, Network.UNKNOWN));
        assertThat(decision.code()).contains(DenialCode.NETWORK_RESTRICTED);
    }

    @Test
    void networkActionsApplyAndTheStricterOfCountryAndNetworkWins() {
        Policy policy = Policy.compile(new PolicySettings("us-export", Map.of("tor", "deny", "vpn", "review"), Map.of(), Map.of(), Map.of(), List.of()));
        PolicyDecision tor = policy.decide(facts("DE", Network.TOR));
        assertThat(tor.code()).contains(DenialCode.NETWORK_RESTRICTED);
        assertThat(tor.decidedBy()).isEqualTo("network:tor");
        assertThat(tor.clientMessage()).contains("Tor");

        PolicyDecision vpn = policy.decide(facts("DE", Network.VPN));
        assertThat(vpn.action()).isEqualTo(Action.REVIEW);
        assertThat(vpn.code()).isEmpty();
        assertThat(vpn.reasons()).containsExactly("network vpn via listed range 203.0.113.0/24 (review)");

        PolicyDecision iranViaVpn = policy.decide(facts("IR", Network.VPN));
        assertThat(iranViaVpn.code()).contains(DenialCode.REGION_RESTRICTED);
        assertThat(iranViaVpn.reasons()).containsExactly("country IR is in group embargoed (deny)", "country IR is in group d5 (deny)",
                "network vpn via listed range 203.0.113.0/24 (review)");

        PolicyDecision iranViaTor = policy.decide(facts("IR", Network.TOR));
        assertThat(iranViaTor.code()).as("a tie goes to the country").contains(DenialCode.REGION_RESTRICTED);
    }

    @Test
    void groupActionsAndOperatorGroupsOverrideTheProfile() {
        Policy policy = Policy.compile(new PolicySettings("us-export", Map.of(),
                Map.of("watch", List.of("ae", "TR")), Map.of("d5", "review", "watch", "deny"), Map.of(), List.of()));
        assertThat(policy.decide(facts("CN", Network.RESIDENTIAL)).action()).isEqualTo(Action.REVIEW);
        assertThat(policy.decide(facts("IR", Network.RESIDENTIAL)).action()).as("still embargoed").isEqualTo(Action.DENY);
        PolicyDecision uae = policy.decide(facts("AE", Network.RESIDENTIAL));
        assertThat(uae.decidedBy()).isEqualTo("group:watch");
        assertThat(uae.clientMessage()).doesNotContain("watch");
    }

    @Test
    void tierOverridesApplyOnlyToThatTier() {
        Policy policy = Policy.compile(new PolicySettings("us-export", Map.of("vpn", "deny"), Map.of(), Map.of(),
                Map.of("enterprise", new PolicySettings.TierSettings(Map.of("vpn", "allow"), Map.of("macau", "review"))), List.of()));
        assertThat(policy.decide(facts("DE", Optional.empty(), Network.VPN, "self-serve")).action()).isEqualTo(Action.DENY);
        assertThat(policy.decide(facts("DE", Optional.empty(), Network.VPN, "enterprise")).action()).isEqualTo(Action.ALLOW);
        assertThat(policy.decide(facts("MO", Optional.empty(), Network.RESIDENTIAL, "enterprise")).action()).isEqualTo(Action.REVIEW);
        assertThat(policy.decide(facts("MO", Optional.empty(), Network.RESIDENTIAL, "self-serve")).action()).isEqualTo(Action.DENY);
    }

    @Test
    void aDenyRuleDeniesWithItsMessage() {
        Policy policy = Policy.compile(new PolicySettings("us-export", Map.of(), Map.of(), Map.of(), Map.of(), List.of(
                new PolicySettings.RuleSettings("self-serve-no-hosting", "org.tier == \"self-serve\" && request.network == \"hosting\"",
                        "deny", "Self-serve access from hosting networks is not permitted"))));
        PolicyDecision decision = policy.decide(facts("DE", Optional.empty(), Network.HOSTING, "self-serve"));
        assertThat(decision.action()).isEqualTo(Action.DENY);
        assertThat(decision.code()).contains(DenialCode.POLICY_DENIED);
        assertThat(decision.decidedBy()).isEqualTo("rule:self-serve-no-hosting");
        assertThat(decision.clientMessage()).isEqualTo("Self-serve access from hosting networks is not permitted");
        assertThat(policy.decide(facts("DE", Optional.empty(), Network.HOSTING, "enterprise")).action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void anAllowRuleIsAnExplicitExemptionFromTheProfile() {
        Policy policy = Policy.compile(withRules(rule("licensed-org", "org.id == \"org_1\" && request.country == \"CN\"", "allow")));
        PolicyDecision decision = policy.decide(facts("CN", Network.RESIDENTIAL));
        assertThat(decision.action()).isEqualTo(Action.ALLOW);
        assertThat(decision.decidedBy()).isEqualTo("rule:licensed-org");
        assertThat(decision.reasons()).contains("country CN is in group d5 (deny)", "rule licensed-org matched (allow)");
        assertThat(policy.decide(facts("RU", Network.RESIDENTIAL)).action()).isEqualTo(Action.DENY);
    }

    @Test
    void aReviewRuleRaisesAnAllowButNeverLowersADeny() {
        Policy policy = Policy.compile(withRules(rule("young-keys", "key.age_days < 60", "review"),
                rule("later-deny", "request.model == \"model-b\"", "deny")));
        PolicyDecision allowed = policy.decide(facts("DE", Network.RESIDENTIAL));
        assertThat(allowed.action()).isEqualTo(Action.REVIEW);
        assertThat(allowed.decidedBy()).isEqualTo("rule:young-keys");
        assertThat(policy.decide(facts("IR", Network.RESIDENTIAL)).action()).isEqualTo(Action.DENY);
    }

    @Test
    void rulesSeeEveryDocumentedAttribute() {
        String everything = String.join(" && ",
                "request.country == 'DE'", "request.subdivision == ''", "request.network == 'vpn'", "request.ip == '203.0.113.7'",
                "request.groups == []", "request.model == 'model-a'", "request.api == 'openai'",
                "org.id == 'org_1'", "org.country == 'US'", "org.groups == []", "org.tier == 'approved-tier'", "org.status == 'approved'",
                "org.age_days == 400", "key.id == 'key_1'", "key.age_days == 30",
                "time.hour == 12", "time.weekday == 3", "time.now == timestamp('2026-11-25T12:00:00Z')");
        Policy policy = Policy.compile(withRules(rule("all", everything, "deny")));
        assertThat(policy.decide(facts("DE", Network.VPN)).decidedBy()).isEqualTo("rule:all");
        assertThat(RuleAttributes.TYPES).hasSize(18);
    }

    @Test
    void rulesCanTestGroupMembership() {
        Policy policy = Policy.compile(withRules(rule("d5-orgs", "'d5' in org.groups || 'e1' in request.groups", "deny")));
        assertThat(policy.decide(facts("DE", Network.RESIDENTIAL)).action()).isEqualTo(Action.ALLOW);
        RequestFacts chineseOrg = new RequestFacts(facts("DE", Network.RESIDENTIAL).client(), "m", "openai",
                new RequestFacts.Organisation("org_2", "CN", "t", "approved", 1), new RequestFacts.Key("k", 1), NOON_WEDNESDAY);
        assertThat(policy.decide(chineseOrg).decidedBy()).isEqualTo("rule:d5-orgs");
    }

    @Test
    void standardMacrosAreAvailable() {
        Policy policy = Policy.compile(withRules(rule("macro", "request.groups.exists(g, g.startsWith('e'))", "review")));
        assertThat(policy.decide(facts("DE", Network.RESIDENTIAL)).action()).isEqualTo(Action.ALLOW);
        Policy cubaReview = Policy.compile(new PolicySettings("us-export", Map.of(), Map.of(), Map.of("embargoed", "allow", "d5", "allow"),
                Map.of(), List.of(rule("macro", "request.groups.exists(g, g.startsWith('e'))", "review"))));
        assertThat(cubaReview.decide(facts("CU", Network.RESIDENTIAL)).decidedBy()).isEqualTo("rule:macro");
    }

    @Test
    void hasTellsWhetherAnAttributeCarriesInformation() {
        Policy unplaced = Policy.compile(withRules(rule("unplaced", "!has(request.country) && request.network != 'residential'", "review")));
        assertThat(unplaced.decide(facts(null, Network.HOSTING)).decidedBy()).isEqualTo("rule:unplaced");
        assertThat(unplaced.decide(facts("DE", Network.HOSTING)).decidedBy()).isEqualTo("default");

        Policy region = Policy.compile(withRules(rule("region-known", "has(request.subdivision) && request.subdivision != 'UA-30'", "review")));
        assertThat(region.decide(facts("UA", Optional.of("UA-46"), Network.RESIDENTIAL, "t")).decidedBy()).isEqualTo("rule:region-known");
        assertThat(region.decide(facts("UA", Optional.of("UA-30"), Network.RESIDENTIAL, "t")).decidedBy()).isEqualTo("default");
        assertThat(region.decide(facts("UA", Network.RESIDENTIAL)).decidedBy()).isEqualTo("default");

        Policy grouped = Policy.compile(withRules(rule("org-in-a-group", "has(org.groups)", "review")));
        assertThat(grouped.decide(facts("DE", Network.RESIDENTIAL)).decidedBy()).isEqualTo("default");
        RequestFacts chineseOrg = new RequestFacts(facts("DE", Network.RESIDENTIAL).client(), "m", "openai",
                new RequestFacts.Organisation("org_2", "CN", "t", "approved", 1), new RequestFacts.Key("k", 1), NOON_WEDNESDAY);
        assertThat(grouped.decide(chineseOrg).decidedBy()).isEqualTo("rule:org-in-a-group");

        // has() on anything that is not a rule attribute keeps CEL's standard meaning.
        Policy literal = Policy.compile(withRules(rule("map-field", "has({'a': 1}.a) && !has({'a': 1}.b)", "review")));
        assertThat(literal.decide(facts("DE", Network.RESIDENTIAL)).decidedBy()).isEqualTo("rule:map-field");
    }

    @Test
    void hasOfAnAttributeThatIsAlwaysSetOrDoesNotExistIsACompileErrorSayingWhatToWrite() {
        assertThatThrownBy(() -> Policy.compile(withRules(rule("young", "has(key.age_days)", "review"))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("policy.rules[0] 'young' does not compile")
                .hasMessageContaining("key.age_days is always set")
                .hasMessageContaining("key.age_days > 0");
        assertThatThrownBy(() -> Policy.compile(withRules(rule("clock", "has(time.now)", "review"))))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("'clock'").hasMessageContaining("time.now is always set");
        assertThatThrownBy(() -> Policy.compile(withRules(rule("typo", "has(request.cuntry)", "review"))))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("'typo'")
                .hasMessageContaining("request.cuntry is not a rule attribute").hasMessageContaining("request.country");
    }

    @Test
    void aRuleThatDoesNotCompileStopsCompilationNamingTheRuleAndTheCelError() {
        assertThatThrownBy(() -> Policy.compile(withRules(rule("ok", "true", "allow"), rule("typo", "request.cuntry == 'IR'", "deny"))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("policy.rules[1] 'typo' does not compile")
                .hasMessageContaining("undeclared reference");
        assertThatThrownBy(() -> Policy.compile(withRules(rule("not-bool", "request.country", "deny"))))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("'not-bool'").hasMessageContaining("bool");
        assertThatThrownBy(() -> Policy.compile(withRules(rule("bad-action", "true", "block"))))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("action 'block'");
        assertThatThrownBy(() -> Policy.compile(withRules(rule("twice", "true", "allow"), rule("twice", "false", "deny"))))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("unique");
    }

    @Test
    void aRuleThatFailsAtEvaluationDeniesAndIsCounted() {
        Policy policy = Policy.compile(withRules(rule("divides", "100 / (org.age_days - 400) > 1", "allow")));
        PolicyDecision decision = policy.decide(facts("DE", Network.RESIDENTIAL));
        assertThat(decision.action()).isEqualTo(Action.DENY);
        assertThat(decision.code()).contains(DenialCode.POLICY_DENIED);
        assertThat(decision.decidedBy()).isEqualTo("rule:divides");
        assertThat(decision.reasons()).anyMatch(reason -> reason.contains("failed to evaluate"));
        policy.decide(facts("DE", Network.RESIDENTIAL));
        assertThat(policy.ruleEvaluationErrors()).containsEntry("divides", 2L);
        assertThat(policy.totalRuleEvaluationErrors()).isEqualTo(2);
    }

    @Test
    void badSettingsAreRejectedWithTheSettingAndWhatWasExpected() {
        assertThatThrownBy(() -> Policy.compile(PolicySettings.ofProfile("eu-export")))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("policy.profile: 'eu-export'").hasMessageContaining("us-export");
        assertThatThrownBy(() -> Policy.compile(new PolicySettings("us-export", Map.of("proxy", "deny"), Map.of(), Map.of(), Map.of(), List.of())))
                .hasMessageContaining("policy.networks: 'proxy' is not a network kind");
        assertThatThrownBy(() -> Policy.compile(new PolicySettings("us-export", Map.of("tor", "block"), Map.of(), Map.of(), Map.of(), List.of())))
                .hasMessageContaining("policy.networks.tor: 'block'");
        assertThatThrownBy(() -> Policy.compile(new PolicySettings("us-export", Map.of(), Map.of(), Map.of("d6", "deny"), Map.of(), List.of())))
                .hasMessageContaining("'d6' is not a group");
        assertThatThrownBy(() -> Policy.compile(new PolicySettings("us-export", Map.of(), Map.of("d5", List.of("FR")), Map.of(), Map.of(), List.of())))
                .hasMessageContaining("already a group");
        assertThatThrownBy(() -> Policy.compile(new PolicySettings("none", Map.of(), Map.of("x", List.of("France")), Map.of(), Map.of(), List.of())))
                .hasMessageContaining("policy.groups.x: 'France'");
    }

    @Test
    void theNoneProfileAllowsEverything() {
        Policy none = Policy.compile(PolicySettings.ofProfile("none"));
        assertThat(none.decide(facts("IR", Network.TOR)).action()).isEqualTo(Action.ALLOW);
        assertThat(none.groups()).isEmpty();
    }

    @Test
    void decidesOnRealAddressesThroughTheSharedData() {
        NetworkIntelligence intelligence = SharedData.intelligence();
        Policy policy = Policy.compile(new PolicySettings("us-export", Map.of("vpn", "deny"), Map.of(), Map.of(), Map.of(), List.of()));
        Map<String, String> expected = Map.of("5.22.0.1", "group:embargoed", "175.45.176.1", "group:embargoed",
                "77.88.8.8", "group:d5", "2a02:6b8::1", "group:d5", "2.26.157.5", "network:vpn", "81.2.69.160", "default");
        expected.forEach((ip, decidedBy) -> {
            RequestFacts base = facts("US", Network.RESIDENTIAL);
            RequestFacts real = new RequestFacts(intelligence.classify(ip), base.model(), base.api(), base.organisation(), base.key(), base.time());
            assertThat(policy.decide(real).decidedBy()).as(ip).isEqualTo(decidedBy);
        });
    }
}
