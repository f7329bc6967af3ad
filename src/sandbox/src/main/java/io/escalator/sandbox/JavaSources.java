package io.escalator.sandbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;

import io.escalator.sandbox.JavaTestResult.Diagnostic;

/**
 * Cheap, in-process checks of a class a user submits, before any model call: nothing here starts a process or
 * touches the disk.
 */
public final class JavaSources {

    private static volatile SourceCompiler compiler;

    private JavaSources() {
    }

    /**
     * Whether the class compiles by itself against the JDK alone (Java {@value SourceCompiler#RELEASE}).
     *
     * @param className the class's fully qualified name, which the compiler checks against the public type's name
     * @return the compiler's errors, each with its line; empty when it compiles
     */
    public static Optional<List<Diagnostic>> compileErrors(String className, String source) {
        List<Diagnostic> errors = compiler().check(className, source);
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors);
    }

    /**
     * The public methods the primary type declares itself (not inherited ones, not constructors, not those of nested
     * types), by name in declaration order. Overloads share a name, which is listed once, at its first declaration.
     * In an interface, every method that is not private counts as public.
     *
     * @throws IllegalArgumentException when the source does not parse or declares no type
     */
    public static List<String> publicMethods(String source) {
        TypeDeclaration<?> type = primaryType(source);
        boolean isInterface = type.isClassOrInterfaceDeclaration()
                && type.asClassOrInterfaceDeclaration().isInterface();
        Set<String> names = new LinkedHashSet<>();
        for (MethodDeclaration method : type.getMethods()) {
            if (method.isPublic() || (isInterface && !method.isPrivate())) {
                names.add(method.getNameAsString());
            }
        }
        return List.copyOf(names);
    }

    /**
     * The lines of the primary type's methods of this name (every overload), from each declaration's first line (its
     * annotations and modifiers) to its closing brace.
     *
     * @throws IllegalArgumentException when the source does not parse or declares no type
     */
    public static Set<Integer> methodLines(String source, String method) {
        Set<Integer> lines = new TreeSet<>();
        for (MethodDeclaration declaration : primaryType(source).getMethodsByName(method)) {
            declaration.getRange().ifPresent(range -> {
                for (int line = range.begin.line; line <= range.end.line; line++) {
                    lines.add(line);
                }
            });
        }
        return Set.copyOf(lines);
    }

    /**
     * The fully qualified name of the primary type: the public top-level type, else the first top-level type.
     *
     * @throws IllegalArgumentException when the source does not parse or declares no type
     */
    public static String className(String source) {
        Parsing.Parsed parsed = parsed(source);
        return Parsing.qualified(Parsing.packageName(parsed.unit()), primaryType(parsed).getNameAsString());
    }

    private static TypeDeclaration<?> primaryType(String source) {
        return primaryType(parsed(source));
    }

    private static TypeDeclaration<?> primaryType(Parsing.Parsed parsed) {
        return Parsing.primaryType(parsed.unit())
                .orElseThrow(() -> new IllegalArgumentException("the source declares no class, interface, enum or record"));
    }

    private static Parsing.Parsed parsed(String source) {
        Parsing.Parsed parsed = Parsing.parse("source", source);
        if (!parsed.ok()) {
            Diagnostic first = parsed.syntaxErrors().getFirst();
            throw new IllegalArgumentException("the source does not parse: line " + first.line() + ": " + first.message());
        }
        return parsed;
    }

    private static SourceCompiler compiler() {
        SourceCompiler current = compiler;
        if (current == null) {
            current = SourceCompiler.of(SourceCompiler.Kind.AUTO);
            compiler = current;
        }
        return current;
    }
}
