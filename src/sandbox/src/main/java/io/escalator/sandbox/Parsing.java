package io.escalator.sandbox;

import java.util.List;
import java.util.Optional;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;

import io.escalator.sandbox.JavaTestResult.Diagnostic;

/** JavaParser at the language level the sandbox compiles for ({@link SourceCompiler#RELEASE}). */
final class Parsing {

    private static final int MESSAGE_LIMIT = 300;

    private Parsing() {
    }

    /** A parsed source: the syntax tree when it parsed, else its syntax errors. */
    record Parsed(CompilationUnit unit, List<Diagnostic> syntaxErrors) {

        boolean ok() {
            return syntaxErrors.isEmpty();
        }
    }

    static Parsed parse(String fileName, String source) {
        // a parser per call: JavaParser instances are not thread-safe, and one costs next to nothing
        ParseResult<CompilationUnit> result = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
                .parse(source);
        List<Diagnostic> errors = result.getProblems().stream()
                .map(problem -> new Diagnostic(fileName, line(problem), shorten(problem.getMessage())))
                .toList();
        return new Parsed(errors.isEmpty() ? result.getResult().orElseThrow() : null, errors);
    }

    /** The public top-level type, else the first top-level type. */
    static Optional<TypeDeclaration<?>> primaryType(CompilationUnit unit) {
        return unit.getTypes().stream().filter(TypeDeclaration::isPublic).findFirst()
                .or(() -> unit.getTypes().stream().findFirst());
    }

    static String packageName(CompilationUnit unit) {
        return unit.getPackageDeclaration().map(declaration -> declaration.getNameAsString()).orElse("");
    }

    static String qualified(String packageName, String simpleName) {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    private static int line(Problem problem) {
        return problem.getLocation()
                .flatMap(TokenRange::toRange)
                .map(range -> range.begin.line)
                .orElse(0);
    }

    private static String shorten(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MESSAGE_LIMIT ? oneLine : oneLine.substring(0, MESSAGE_LIMIT) + "...";
    }
}
