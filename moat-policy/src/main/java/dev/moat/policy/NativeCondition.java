package dev.moat.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A rule condition evaluated as plain Java instead of by the CEL interpreter.
 *
 * <p>Most operator rules compare attributes with literals ({@code org.tier == "self-serve" &&
 * request.network == "hosting"}). The interpreter spends several hundred nanoseconds per evaluation on
 * bookkeeping, more than the whole rest of a decision, so conditions built only from the subset below are
 * translated from the type-checked CEL syntax tree into a tree of Java lambdas:
 * {@code &&}, {@code ||}, {@code !}, {@code ==} and {@code !=} on strings, ints and bools, {@code <},
 * {@code <=}, {@code >}, {@code >=} on ints, and {@code in} of a string in a list literal or list attribute.
 * Nothing in that subset can fail at run time, so Java's short-circuit evaluation gives the same result as
 * CEL's commutative {@code &&}/{@code ||}. Anything else (arithmetic, functions, timestamps, macros) is
 * left to the interpreter. The tests check translated conditions against the interpreter on random rules
 * and requests.
 */
@FunctionalInterface
interface NativeCondition {

    boolean test(RuleAttributes.Inputs inputs);

    /** The translated condition, or empty when the expression uses anything outside the subset. */
    static Optional<NativeCondition> translate(CelAbstractSyntaxTree ast) {
        return new Translator(ast).bool(ast.getExpr());
    }

    /** Builds typed evaluators bottom-up; every method returns empty for an unsupported node. */
    final class Translator {
        private static final Set<String> INT_ORDERINGS = Set.of("_<_", "_<=_", "_>_", "_>=_");

        private final CelAbstractSyntaxTree ast;

        Translator(CelAbstractSyntaxTree ast) {
            this.ast = ast;
        }

        Optional<NativeCondition> bool(CelExpr expr) {
            if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT && expr.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE) {
                boolean value = expr.constant().booleanValue();
                return Optional.of(in -> value);
            }
            if (expr.getKind() != CelExpr.ExprKind.Kind.CALL || expr.call().target().isPresent()) {
                return Optional.empty();
            }
            String function = expr.call().function();
            List<CelExpr> args = expr.call().args();
            switch (function) {
                case "_&&_", "_||_" -> {
                    Optional<NativeCondition> left = bool(args.get(0));
                    Optional<NativeCondition> right = bool(args.get(1));
                    if (left.isEmpty() || right.isEmpty()) {
                        return Optional.empty();
                    }
                    NativeCondition l = left.get();
                    NativeCondition r = right.get();
                    return Optional.of(function.equals("_&&_") ? in -> l.test(in) && r.test(in) : in -> l.test(in) || r.test(in));
                }
                case "!_" -> {
                    return bool(args.get(0)).map(inner -> in -> !inner.test(in));
                }
                case "_==_", "_!=_" -> {
                    Optional<NativeCondition> equal = equality(args.get(0), args.get(1));
                    return function.equals("_==_") ? equal : equal.map(inner -> in -> !inner.test(in));
                }
                case "@in" -> {
                    return membership(args.get(0), args.get(1));
                }
                default -> {
                    return INT_ORDERINGS.contains(function) ? ordering(function, args.get(0), args.get(1)) : Optional.empty();
                }
            }
        }

        private Optional<NativeCondition> equality(CelExpr left, CelExpr right) {
            if (isType(left, SimpleType.STRING) && isType(right, SimpleType.STRING)) {
                Optional<Function<RuleAttributes.Inputs, String>> l = string(left);
                Optional<Function<RuleAttributes.Inputs, String>> r = string(right);
                if (l.isPresent() && r.isPresent()) {
                    var a = l.get();
                    var b = r.get();
                    return Optional.of(in -> a.apply(in).equals(b.apply(in)));
                }
            } else if (isType(left, SimpleType.INT) && isType(right, SimpleType.INT)) {
                Optional<ToLongFunction<RuleAttributes.Inputs>> l = integer(left);
                Optional<ToLongFunction<RuleAttributes.Inputs>> r = integer(right);
                if (l.isPresent() && r.isPresent()) {
                    var a = l.get();
                    var b = r.get();
                    return Optional.of(in -> a.applyAsLong(in) == b.applyAsLong(in));
                }
            } else if (isType(left, SimpleType.BOOL) && isType(right, SimpleType.BOOL)) {
                Optional<NativeCondition> l = bool(left);
                Optional<NativeCondition> r = bool(right);
                if (l.isPresent() && r.isPresent()) {
                    var a = l.get();
                    var b = r.get();
                    return Optional.of(in -> a.test(in) == b.test(in));
                }
            }
            return Optional.empty();
        }

        private Optional<NativeCondition> ordering(String function, CelExpr left, CelExpr right) {
            if (!isType(left, SimpleType.INT) || !isType(right, SimpleType.INT)) {
                return Optional.empty();
            }
            Optional<ToLongFunction<RuleAttributes.Inputs>> l = integer(left);
            Optional<ToLongFunction<RuleAttributes.Inputs>> r = integer(right);
            if (l.isEmpty() || r.isEmpty()) {
                return Optional.empty();
            }
            var a = l.get();
            var b = r.get();
            return Optional.of(switch (function) {
                case "_<_" -> in -> a.applyAsLong(in) < b.applyAsLong(in);
                case "_<=_" -> in -> a.applyAsLong(in) <= b.applyAsLong(in);
                case "_>_" -> in -> a.applyAsLong(in) > b.applyAsLong(in);
                default -> in -> a.applyAsLong(in) >= b.applyAsLong(in);
            });
        }

        private Optional<NativeCondition> membership(CelExpr element, CelExpr list) {
            if (!isType(element, SimpleType.STRING)) {
                return Optional.empty();
            }
            Optional<Function<RuleAttributes.Inputs, String>> value = string(element);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            var v = value.get();
            if (list.getKind() == CelExpr.ExprKind.Kind.LIST) {
                List<String> literals = new ArrayList<>();
                for (CelExpr item : list.list().elements()) {
                    if (item.getKind() != CelExpr.ExprKind.Kind.CONSTANT || item.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
                        return Optional.empty();
                    }
                    literals.add(item.constant().stringValue());
                }
                Set<String> members = Set.copyOf(literals);
                return Optional.of(in -> members.contains(v.apply(in)));
            }
            Optional<String> attribute = attributeName(list).filter(RuleAttributes.LISTS::containsKey);
            if (attribute.isEmpty()) {
                return Optional.empty();
            }
            var getter = RuleAttributes.LISTS.get(attribute.get());
            return Optional.of(in -> getter.apply(in).contains(v.apply(in)));
        }

        private Optional<Function<RuleAttributes.Inputs, String>> string(CelExpr expr) {
            if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                String value = expr.constant().stringValue();
                return Optional.of(in -> value);
            }
            return attributeName(expr).map(RuleAttributes.STRINGS::get);
        }

        private Optional<ToLongFunction<RuleAttributes.Inputs>> integer(CelExpr expr) {
            if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT && expr.constant().getKind() == CelConstant.Kind.INT64_VALUE) {
                long value = expr.constant().int64Value();
                return Optional.of(in -> value);
            }
            return attributeName(expr).map(RuleAttributes.INTS::get);
        }

        /** The declared attribute an identifier or selection refers to, as resolved by the type checker. */
        private Optional<String> attributeName(CelExpr expr) {
            CelExpr.ExprKind.Kind kind = expr.getKind();
            if (kind != CelExpr.ExprKind.Kind.IDENT && kind != CelExpr.ExprKind.Kind.SELECT) {
                return Optional.empty();
            }
            return ast.getReference(expr.id()).map(reference -> reference.name()).filter(RuleAttributes.TYPES::containsKey);
        }

        private boolean isType(CelExpr expr, CelType type) {
            return ast.getType(expr.id()).map(type::equals).orElse(false);
        }
    }
}
