package io.keyroute.server.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * CEL as the rules are written in: the standard functions and macros, the {@link PolicyVariable}s,
 * a bool result. Both halves are immutable and thread-safe, so they are made once; a rule is
 * compiled once per config and its program evaluated per request.
 */
final class PolicyLanguage {
    /**
     * {@code request.max_tokens > 2.5} and {@code target.input_usd_per_mtok > 1} compare as numbers
     * rather than failing the type check; a comprehension over a list stops at 10,000 iterations
     * (the lists a rule sees are a model's few capabilities).
     */
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(10_000)
            .build();
    private static final CelCompiler COMPILER = compiler();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.plannerRuntimeBuilder().setOptions(OPTIONS).build();

    private PolicyLanguage() {
    }

    /** @throws CelValidationException with each problem's line and column in {@code expression} */
    static CelRuntime.Program compile(String expression) throws CelValidationException {
        CelAbstractSyntaxTree checked = COMPILER.compile(expression).getAst();
        try {
            return RUNTIME.createProgram(checked);
        } catch (CelEvaluationException e) {
            // A checked expression of the standard library always plans; this is CEL's own bug.
            throw new IllegalStateException("CEL could not plan a checked rule", e);
        }
    }

    private static CelCompiler compiler() {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        for (PolicyVariable v : PolicyVariable.values()) {
            builder.addVar(v.name, v.type);
        }
        return builder.build();
    }
}
