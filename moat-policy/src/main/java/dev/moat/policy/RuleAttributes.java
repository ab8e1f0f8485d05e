package dev.moat.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.runtime.CelVariableResolver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The attributes a CEL rule may use, declared with their types so that a misspelt attribute or a type
 * mistake fails when the policy is compiled, not on a request. Values are read lazily from the request's
 * {@link Inputs}: a rule only pays for the attributes it references.
 *
 * <p>Dotted names ({@code request.country}) are declared as qualified identifiers, which CEL resolves as a
 * whole; there is no {@code request} map to build per request. Each attribute also has a typed getter,
 * used by {@link NativeCondition} to evaluate simple rules without the CEL interpreter.
 */
final class RuleAttributes {

    /** What one request offers to rules. */
    record Inputs(RequestFacts facts, List<String> requestGroups, List<String> organisationGroups) {
    }

    static final Map<String, Function<Inputs, String>> STRINGS = Map.ofEntries(
            Map.entry("request.country", in -> in.facts().client().countryOrUnknown()),
            Map.entry("request.subdivision", in -> in.facts().client().location().flatMap(GeoLocation::subdivision).orElse("")),
            Map.entry("request.network", in -> in.facts().client().network().label()),
            Map.entry("request.ip", in -> in.facts().client().address().toString()),
            Map.entry("request.model", in -> in.facts().model()),
            Map.entry("request.api", in -> in.facts().api()),
            Map.entry("org.id", in -> in.facts().organisation().id()),
            Map.entry("org.country", in -> in.facts().organisation().country()),
            Map.entry("org.tier", in -> in.facts().organisation().tier()),
            Map.entry("org.status", in -> in.facts().organisation().status()),
            Map.entry("key.id", in -> in.facts().key().id()));

    static final Map<String, ToLongFunction<Inputs>> INTS = Map.of(
            "org.age_days", in -> in.facts().organisation().ageDays(),
            "key.age_days", in -> in.facts().key().ageDays(),
            "time.hour", in -> Math.floorMod(in.facts().time().getEpochSecond(), 86_400L) / 3_600,
            // 1970-01-01 was a Thursday (ISO day 4); arithmetic instead of a ZonedDateTime per request.
            "time.weekday", in -> Math.floorMod(Math.floorDiv(in.facts().time().getEpochSecond(), 86_400L) + 3, 7L) + 1);

    static final Map<String, Function<Inputs, List<String>>> LISTS = Map.of(
            "request.groups", Inputs::requestGroups,
            "org.groups", Inputs::organisationGroups);

    /** Name → type, in the order docs/policy.md lists them. */
    static final Map<String, CelType> TYPES = declarations();

    private RuleAttributes() {
    }

    static void declareAll(CelCompilerBuilder builder) {
        TYPES.forEach(builder::addVar);
    }

    static CelVariableResolver resolverFor(Inputs inputs) {
        return name -> Optional.ofNullable(valueOf(name, inputs));
    }

    private static Object valueOf(String name, Inputs inputs) {
        Function<Inputs, String> string = STRINGS.get(name);
        if (string != null) {
            return string.apply(inputs);
        }
        ToLongFunction<Inputs> integer = INTS.get(name);
        if (integer != null) {
            return integer.applyAsLong(inputs);
        }
        Function<Inputs, List<String>> list = LISTS.get(name);
        if (list != null) {
            return list.apply(inputs);
        }
        return "time.now".equals(name) ? inputs.facts().time() : null;
    }

    private static Map<String, CelType> declarations() {
        Map<String, CelType> types = new LinkedHashMap<>();
        for (String name : List.of("request.country", "request.subdivision", "request.network", "request.ip")) {
            types.put(name, SimpleType.STRING);
        }
        types.put("request.groups", ListType.create(SimpleType.STRING));
        for (String name : List.of("request.model", "request.api", "org.id", "org.country")) {
            types.put(name, SimpleType.STRING);
        }
        types.put("org.groups", ListType.create(SimpleType.STRING));
        for (String name : List.of("org.tier", "org.status")) {
            types.put(name, SimpleType.STRING);
        }
        types.put("org.age_days", SimpleType.INT);
        types.put("key.id", SimpleType.STRING);
        types.put("key.age_days", SimpleType.INT);
        types.put("time.now", SimpleType.TIMESTAMP);
        types.put("time.hour", SimpleType.INT);
        types.put("time.weekday", SimpleType.INT);
        return Collections.unmodifiableMap(types);
    }
}
