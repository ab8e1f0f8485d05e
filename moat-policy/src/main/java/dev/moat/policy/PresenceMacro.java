package dev.moat.policy;

import com.google.common.collect.ImmutableList;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import dev.cel.parser.CelStandardMacro;
import java.util.Optional;

/**
 * CEL's {@code has()} for rule attributes: {@code has(request.country)} is true when the attribute carries
 * information, that is when it does not hold its "nothing to say" placeholder.
 *
 * <p>The attributes are qualified identifiers, not fields of a {@code request} message or map, so CEL's
 * own {@code has()} macro cannot apply: it expands to a field-presence test on a {@code request} variable
 * that does not exist, and the checker rejects it as an undeclared reference. Declaring {@code request},
 * {@code org}, … as maps as well would build a map per request and give the attributes the type
 * {@code dyn}, losing the compile-time type checks. This macro replaces the standard one and expands
 * the presence test at parse time into a comparison of the attribute itself:
 *
 * <ul>
 *   <li>{@code has(request.country)} → {@code request.country != "unknown"} (the geo data placed the address);
 *   <li>{@code has(s)} for any other string attribute → {@code s != ""} ({@code request.subdivision} is
 *       present only with a City database);
 *   <li>{@code has(l)} for a list attribute → {@code size(l) > 0}, as CEL does for repeated fields;
 *   <li>ints and {@code time.now} are always set: {@code has()} of them, or of an unknown attribute name,
 *       is a compile error that says what to write instead.
 * </ul>
 *
 * <p>Because the expansion is an ordinary comparison, rules using it keep the compile-time checks and the
 * string cases still translate into a {@link NativeCondition}. {@code has()} of anything that is not an
 * attribute (a field of a map literal) keeps CEL's standard meaning. Macros expand before names are
 * resolved, so inside a comprehension whose variable is named like a namespace
 * ({@code list.exists(request, has(request.country))}) {@code has()} still means the attribute test (or is
 * rejected as an unknown attribute); docs/policy.md tells rule authors not to use those names as variables.
 */
final class PresenceMacro {

    static final CelMacro HAS = CelMacro.newGlobalMacro("has", 1, PresenceMacro::expand);

    private PresenceMacro() {
    }

    /** The placeholder a string attribute holds when there is nothing to say. */
    static String absentValueOf(String attribute) {
        return attribute.equals("request.country") ? NetworkClassification.UNKNOWN_COUNTRY : "";
    }

    private static Optional<CelExpr> expand(CelMacroExprFactory factory, CelExpr target, ImmutableList<CelExpr> arguments) {
        CelExpr argument = arguments.getFirst();
        Optional<String> name = dottedName(argument);
        if (name.isEmpty() || !isAttributeNamespace(name.get())) {
            return CelStandardMacro.HAS.getDefinition().getExpander().expandMacro(factory, target, arguments);
        }
        CelType type = RuleAttributes.TYPES.get(name.get());
        if (type == null) {
            return Optional.of(factory.reportError("has(%s): %s is not a rule attribute (expected one of: %s)"
                    .formatted(name.get(), name.get(), String.join(", ", RuleAttributes.TYPES.keySet()))));
        }
        if (type.equals(SimpleType.STRING)) {
            return Optional.of(factory.newGlobalCall("_!=_", factory.copy(argument),
                    factory.newStringLiteral(absentValueOf(name.get()))));
        }
        if (type instanceof ListType) {
            return Optional.of(factory.newGlobalCall("_>_", factory.newGlobalCall("size", factory.copy(argument)),
                    factory.newIntLiteral(0)));
        }
        String instead = type.equals(SimpleType.INT) ? "compare its value, for example %s > 0".formatted(name.get())
                : "compare it with a timestamp, for example %s >= timestamp(\"2027-01-01T00:00:00Z\")".formatted(name.get());
        return Optional.of(factory.reportError("has(%s): %s is always set; %s".formatted(name.get(), name.get(), instead)));
    }

    /** {@code request.country} for the expression {@code request.country}; empty for anything but a chain of names. */
    private static Optional<String> dottedName(CelExpr expr) {
        return switch (expr.getKind()) {
            case IDENT -> Optional.of(expr.ident().name());
            case SELECT -> expr.select().testOnly()
                    ? Optional.empty()
                    : dottedName(expr.select().operand()).map(operand -> operand + "." + expr.select().field());
            default -> Optional.empty();
        };
    }

    private static boolean isAttributeNamespace(String dottedName) {
        int dot = dottedName.indexOf('.');
        String namespace = dot < 0 ? dottedName : dottedName.substring(0, dot);
        return RuleAttributes.TYPES.keySet().stream().anyMatch(attribute -> attribute.startsWith(namespace + "."));
    }
}
