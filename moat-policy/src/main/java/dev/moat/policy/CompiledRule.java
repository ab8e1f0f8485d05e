package dev.moat.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * One operator rule, compiled once: a CEL program, plus a {@link NativeCondition} when the condition is
 * simple enough to run without the interpreter. Both are immutable and safe to evaluate from many threads.
 * Evaluation errors (division by zero, an out-of-range index, …) are counted here and reported to the
 * caller, which denies: a rule that cannot be evaluated must not let a request through.
 */
final class CompiledRule {

    private static final CelOptions OPTIONS = CelOptions.current()
            .evaluateCanonicalTypesToNativeValues(true)
            .build();
    private static final CelCompiler COMPILER = compiler();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final String name;
    private final String expression;
    private final Action action;
    private final String message;
    private final CelRuntime.Program program;
    private final Optional<NativeCondition> nativeCondition;
    private final LongAdder evaluationErrors = new LongAdder();

    private CompiledRule(String name, String expression, Action action, String message, CelRuntime.Program program,
                         Optional<NativeCondition> nativeCondition) {
        this.name = name;
        this.expression = expression;
        this.action = action;
        this.message = message;
        this.program = program;
        this.nativeCondition = nativeCondition;
    }

    static CompiledRule compile(int index, PolicySettings.RuleSettings settings) {
        String where = "policy.rules[%d] '%s'".formatted(index, settings.name());
        Action action = Action.fromLabel(settings.action()).orElseThrow(() -> new PolicyConfigurationException(
                "%s: action '%s' (expected: allow, review or deny)".formatted(where, settings.action())));
        if (settings.when() == null || settings.when().isBlank()) {
            throw new PolicyConfigurationException("%s: 'when' is empty (expected: a CEL condition such as request.network == \"tor\")".formatted(where));
        }
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(settings.when()).getAst();
            String message = settings.message() == null ? "" : settings.message().strip();
            return new CompiledRule(settings.name(), settings.when(), action, message, RUNTIME.createProgram(ast),
                    NativeCondition.translate(ast));
        } catch (CelValidationException e) {
            throw new PolicyConfigurationException("%s does not compile: %s".formatted(where, e.getMessage()));
        } catch (CelEvaluationException e) {
            throw new PolicyConfigurationException("%s cannot be prepared: %s".formatted(where, e.getMessage()));
        }
    }

    /** Whether the rule's condition holds. */
    boolean matches(RuleAttributes.Inputs inputs) throws RuleEvaluationException {
        if (nativeCondition.isPresent()) {
            return nativeCondition.get().test(inputs);
        }
        return matchesInterpreted(inputs);
    }

    /** The CEL interpreter's answer, also for conditions that have a native translation (the tests compare both). */
    boolean matchesInterpreted(RuleAttributes.Inputs inputs) throws RuleEvaluationException {
        Object result;
        try {
            result = program.eval(RuleAttributes.resolverFor(inputs));
        } catch (CelEvaluationException | RuntimeException e) {
            evaluationErrors.increment();
            throw new RuleEvaluationException(e.getMessage());
        }
        if (result instanceof Boolean matched) {
            return matched;
        }
        evaluationErrors.increment();
        throw new RuleEvaluationException("the condition gave " + result + " instead of a bool");
    }

    boolean isNative() {
        return nativeCondition.isPresent();
    }

    String name() {
        return name;
    }

    String expression() {
        return expression;
    }

    Action action() {
        return action;
    }

    String message() {
        return message;
    }

    long evaluationErrors() {
        return evaluationErrors.sum();
    }

    private static CelCompiler compiler() {
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS).setResultType(SimpleType.BOOL)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS.stream().filter(macro -> macro != CelStandardMacro.HAS).toList())
                .addMacros(PresenceMacro.HAS);
        RuleAttributes.declareAll(builder);
        return builder.build();
    }

    /** A rule's condition could not be evaluated for one request. */
    static final class RuleEvaluationException extends Exception {
        RuleEvaluationException(String message) {
            super(message);
        }
    }
}
