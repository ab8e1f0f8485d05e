package dev.moat.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.runtime.CelVariableResolver;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes a CEL rule may use, declared with their types so that a misspelt attribute or a type
 * mistake fails when the policy is compiled, not on a request. Values are produced lazily per request:
 * CEL asks only for the attributes the rule actually references.
 *
 * <p>Dotted names ({@code request.country}) are declared as qualified identifiers, which CEL resolves as a
 * whole; there is no {@code request} map to build per request.
 */
final class RuleAttributes {

    /** Name → type, in the order docs/policy.md lists them. */
    static final Map<String, CelType> TYPES = declarations();

    private RuleAttributes() {
    }

    static void declareAll(CelCompilerBuilder builder) {
        TYPES.forEach(builder::addVar);
    }

    static CelVariableResolver resolverFor(RequestFacts facts, List<String> requestGroups, List<String> organisationGroups) {
        return name -> Optional.ofNullable(valueOf(name, facts, requestGroups, organisationGroups));
    }

    private static Object valueOf(String name, RequestFacts facts, List<String> requestGroups, List<String> organisationGroups) {
        return switch (name) {
            case "request.country" -> facts.client().countryOrUnknown();
            case "request.subdivision" -> facts.client().location().flatMap(GeoLocation::subdivision).orElse("");
            case "request.network" -> facts.client().network().label();
            case "request.ip" -> facts.client().address().toString();
            case "request.groups" -> requestGroups;
            case "request.model" -> facts.model();
            case "request.api" -> facts.api();
            case "org.id" -> facts.organisation().id();
            case "org.country" -> facts.organisation().country();
            case "org.groups" -> organisationGroups;
            case "org.tier" -> facts.organisation().tier();
            case "org.status" -> facts.organisation().status();
            case "org.age_days" -> facts.organisation().ageDays();
            case "key.id" -> facts.key().id();
            case "key.age_days" -> facts.key().ageDays();
            case "time.now" -> facts.time();
            case "time.hour" -> (long) utc(facts).getHour();
            case "time.weekday" -> (long) utc(facts).getDayOfWeek().getValue();
            default -> null;
        };
    }

    private static ZonedDateTime utc(RequestFacts facts) {
        return facts.time().atZone(ZoneOffset.UTC);
    }

    private static Map<String, CelType> declarations() {
        Map<String, CelType> types = new LinkedHashMap<>();
        types.put("request.country", SimpleType.STRING);
        types.put("request.subdivision", SimpleType.STRING);
        types.put("request.network", SimpleType.STRING);
        types.put("request.ip", SimpleType.STRING);
        types.put("request.groups", ListType.create(SimpleType.STRING));
        types.put("request.model", SimpleType.STRING);
        types.put("request.api", SimpleType.STRING);
        types.put("org.id", SimpleType.STRING);
        types.put("org.country", SimpleType.STRING);
        types.put("org.groups", ListType.create(SimpleType.STRING));
        types.put("org.tier", SimpleType.STRING);
        types.put("org.status", SimpleType.STRING);
        types.put("org.age_days", SimpleType.INT);
        types.put("key.id", SimpleType.STRING);
        types.put("key.age_days", SimpleType.INT);
        types.put("time.now", SimpleType.TIMESTAMP);
        types.put("time.hour", SimpleType.INT);
        types.put("time.weekday", SimpleType.INT);
        return Collections.unmodifiableMap(types);
    }
}
