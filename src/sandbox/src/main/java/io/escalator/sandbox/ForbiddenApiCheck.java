package io.escalator.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

/**
 * Refuses generated tests that use what unit tests must not: process creation, ending the JVM, reflection, network,
 * file system access, native or JDK-internal APIs. It reads the syntax tree only (imports, the types named, the calls
 * made and, for a few calls, the declared type of their receiver), so it cannot see through every indirection.
 *
 * <p>This is defence in depth, not the isolation itself: the child JVM has no SecurityManager (gone in JDK 24+), so
 * what stops a test that gets past this check is the child process's limits (its own JVM, time limit, heap cap, no
 * inherited environment, a throw-away working directory) and, in AWS, a Lambda without permissions.
 */
final class ForbiddenApiCheck {

    /** A forbidden use: what (as written), why (its category), where. */
    record Violation(int line, String what, String why) {

        @Override
        public String toString() {
            return "line " + line + ": " + what + " (" + why + ")";
        }
    }

    private static final String PROCESS = "process creation";
    private static final String EXIT = "ending the JVM";
    private static final String REFLECTION = "reflection";
    private static final String NETWORK = "network";
    private static final String FILES = "file system access";
    private static final String NATIVE = "native or JDK-internal access";
    private static final String CODE = "compiling or loading code";

    private static final Map<String, String> FORBIDDEN_PACKAGES = Map.ofEntries(
            Map.entry("java.lang.reflect", REFLECTION),
            Map.entry("java.lang.invoke", REFLECTION),
            Map.entry("java.lang.foreign", NATIVE),
            Map.entry("java.lang.instrument", NATIVE),
            Map.entry("java.net", NETWORK),
            Map.entry("java.nio.channels", FILES),
            Map.entry("java.rmi", NETWORK),
            Map.entry("javax.naming", NETWORK),
            Map.entry("javax.net", NETWORK),
            Map.entry("javax.management", NETWORK),
            Map.entry("javax.tools", CODE),
            Map.entry("java.util.prefs", FILES),
            Map.entry("sun", NATIVE),
            Map.entry("com.sun", NATIVE),
            Map.entry("jdk", NATIVE));

    /** Plain values of java.net that touch no network. */
    private static final Set<String> ALLOWED_NET = Set.of("java.net.URI", "java.net.URISyntaxException",
            "java.net.URLEncoder", "java.net.URLDecoder", "java.net.IDN", "java.net.MalformedURLException");

    private static final Map<String, String> FORBIDDEN_TYPES = Map.ofEntries(
            Map.entry("java.lang.ProcessBuilder", PROCESS),
            Map.entry("java.lang.Process", PROCESS),
            Map.entry("java.lang.ProcessHandle", PROCESS),
            Map.entry("java.io.FileOutputStream", FILES),
            Map.entry("java.io.FileWriter", FILES),
            Map.entry("java.io.FileInputStream", FILES),
            Map.entry("java.io.FileReader", FILES),
            Map.entry("java.io.RandomAccessFile", FILES),
            Map.entry("java.util.logging.FileHandler", FILES));

    /** Static methods that are forbidden, by type. */
    private static final Map<String, Map<String, String>> FORBIDDEN_STATIC = Map.of(
            "java.lang.System", Map.of("exit", EXIT, "load", NATIVE, "loadLibrary", NATIVE,
                    "setSecurityManager", NATIVE, "inheritedChannel", NETWORK),
            "java.lang.Class", Map.of("forName", REFLECTION),
            "java.io.File", Map.of("createTempFile", FILES));

    /** Files methods that only look at a path; every other one reads, writes, moves or deletes. */
    private static final Set<String> FILES_ALLOWED = Set.of("exists", "notExists", "isDirectory", "isRegularFile",
            "isSymbolicLink", "isHidden", "isReadable", "isWritable", "isExecutable", "isSameFile", "size",
            "getLastModifiedTime", "probeContentType");

    /** Methods of these names are forbidden on any receiver: they exist only on the forbidden APIs. */
    private static final Map<String, String> FORBIDDEN_ANYWHERE = Map.of(
            "setAccessible", REFLECTION, "trySetAccessible", REFLECTION, "loadClass", CODE, "defineClass", CODE,
            "openStream", NETWORK, "openConnection", NETWORK);

    /** Instance methods that are forbidden on receivers of these types. */
    private static final Map<String, Map<String, String>> FORBIDDEN_ON = Map.of(
            "java.lang.Runtime", Map.of("exec", PROCESS, "exit", EXIT, "halt", EXIT, "load", NATIVE,
                    "loadLibrary", NATIVE),
            "java.io.File", Map.ofEntries(Map.entry("delete", FILES), Map.entry("deleteOnExit", FILES),
                    Map.entry("mkdir", FILES), Map.entry("mkdirs", FILES), Map.entry("createNewFile", FILES),
                    Map.entry("renameTo", FILES), Map.entry("setReadable", FILES), Map.entry("setWritable", FILES),
                    Map.entry("setExecutable", FILES), Map.entry("setLastModified", FILES),
                    Map.entry("setReadOnly", FILES), Map.entry("list", FILES), Map.entry("listFiles", FILES)),
            "java.lang.Class", Map.ofEntries(Map.entry("getDeclaredMethod", REFLECTION),
                    Map.entry("getDeclaredMethods", REFLECTION), Map.entry("getDeclaredField", REFLECTION),
                    Map.entry("getDeclaredFields", REFLECTION), Map.entry("getDeclaredConstructor", REFLECTION),
                    Map.entry("getDeclaredConstructors", REFLECTION), Map.entry("getMethod", REFLECTION),
                    Map.entry("getMethods", REFLECTION), Map.entry("getField", REFLECTION),
                    Map.entry("getFields", REFLECTION), Map.entry("getConstructor", REFLECTION),
                    Map.entry("getConstructors", REFLECTION), Map.entry("newInstance", REFLECTION),
                    Map.entry("getClassLoader", CODE)));

    /** Types whose constructors open a file when given a file name, a File or a Path. */
    private static final Set<String> FILE_OPENING_CONSTRUCTORS = Set.of("java.io.PrintWriter", "java.io.PrintStream",
            "java.util.Formatter", "java.util.Scanner");

    private final Set<String> localTypes;
    private final Map<String, String> singleImports = new HashMap<>();
    private final List<String> onDemandPackages = new ArrayList<>(List.of("java.lang"));
    private final Map<String, Set<String>> variableTypes = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    private ForbiddenApiCheck(Set<String> localTypes) {
        this.localTypes = localTypes;
    }

    /**
     * @param otherLocalTypes simple names of types declared outside the test source that it may name (the class under
     *                        test's), so that a class under test called e.g. {@code Process} is not mistaken
     */
    static List<Violation> check(CompilationUnit tests, Set<String> otherLocalTypes) {
        Set<String> local = new HashSet<>(otherLocalTypes);
        tests.findAll(TypeDeclaration.class).forEach(type -> local.add(type.getNameAsString()));
        ForbiddenApiCheck check = new ForbiddenApiCheck(local);
        check.run(tests);
        Map<String, Violation> oneByLineAndReason = new LinkedHashMap<>();
        check.violations.forEach(violation -> oneByLineAndReason.putIfAbsent(violation.line() + violation.why(), violation));
        return oneByLineAndReason.values().stream().sorted(Comparator.comparingInt(Violation::line)).toList();
    }

    private void run(CompilationUnit unit) {
        unit.getImports().forEach(this::checkImport);
        unit.walk(Node.TreeTraversal.PREORDER, node -> {
            if (node instanceof VariableDeclarator variable) {
                declare(variable.getNameAsString(), variable.getType().isVarType()
                        ? variable.getInitializer().map(this::typeOf).orElse(Set.of())
                        : resolve(variable.getType()));
            } else if (node instanceof Parameter parameter && !parameter.getType().isUnknownType()) {
                declare(parameter.getNameAsString(), resolve(parameter.getType()));
            }
        });
        unit.findAll(ClassOrInterfaceType.class).forEach(this::checkType);
        unit.findAll(MethodCallExpr.class).forEach(call -> checkCall(call, call.getNameAsString(), call.getScope()));
        unit.findAll(MethodReferenceExpr.class)
                .forEach(reference -> checkCall(reference, reference.getIdentifier(), Optional.of(reference.getScope())));
        unit.findAll(ObjectCreationExpr.class).forEach(this::checkConstruction);
        unit.findAll(FieldAccessExpr.class).forEach(access -> {
            // a package-qualified name used as an expression, e.g. java.lang.invoke.MethodHandles.lookup()
            String written = access.toString();
            if (!(access.getParentNode().orElse(null) instanceof FieldAccessExpr)
                    && !variableTypes.containsKey(written.substring(0, written.indexOf('.')))) {
                forbiddenType(written).ifPresent(why -> add(access, written, why));
            }
        });
    }

    private void checkImport(ImportDeclaration declaration) {
        String name = declaration.getNameAsString();
        if (declaration.isStatic()) {
            int dot = name.lastIndexOf('.');
            String type = declaration.isAsterisk() ? name : name.substring(0, dot);
            Optional<String> why = forbiddenType(type);
            if (why.isPresent()) {
                add(declaration, name, why.get());
            } else if (declaration.isAsterisk() && (FORBIDDEN_STATIC.containsKey(type) || type.equals("java.nio.file.Files"))) {
                add(declaration, "import static " + name + ".*", "brings in " + type + "'s forbidden methods");
            } else if (!declaration.isAsterisk()) {
                forbiddenStatic(type, name.substring(dot + 1)).ifPresent(reason -> add(declaration, name, reason));
            }
        } else if (declaration.isAsterisk()) {
            forbiddenPackage(name + ".*").ifPresent(why -> add(declaration, "import " + name + ".*", why));
        } else {
            forbiddenType(name).ifPresent(why -> add(declaration, name, why));
            singleImports.put(name.substring(name.lastIndexOf('.') + 1), name);
        }
        if (!declaration.isStatic() && declaration.isAsterisk() && forbiddenPackage(name + ".*").isEmpty()) {
            onDemandPackages.add(name); // a forbidden one is reported once, at its import
        }
    }

    private void checkType(ClassOrInterfaceType type) {
        if (type.getParentNode().orElse(null) instanceof ClassOrInterfaceType) {
            return; // the scope of a longer name, checked with it
        }
        for (String candidate : candidates(type.getNameWithScope())) {
            Optional<String> why = forbiddenType(candidate);
            if (why.isPresent()) {
                add(type, type.getNameWithScope(), why.get());
                return;
            }
        }
    }

    private void checkCall(Node call, String method, Optional<? extends Expression> scope) {
        String anywhere = FORBIDDEN_ANYWHERE.get(method);
        if (anywhere != null) {
            add(call, method, anywhere);
            return;
        }
        if (scope.isEmpty()) {
            return;
        }
        Expression receiver = scope.get();
        String written = receiver.toString();
        if (isTypeName(receiver)) {
            String typeName = receiver instanceof TypeExpr typeExpr ? typeExpr.getType().asString() : written;
            for (String candidate : candidates(typeName)) {
                Optional<String> why = forbiddenStatic(candidate, method);
                if (why.isPresent()) {
                    add(call, typeName + "." + method, why.get());
                    return;
                }
            }
        }
        for (String type : typeOf(receiver)) {
            String why = FORBIDDEN_ON.getOrDefault(type, Map.of()).get(method);
            if (why != null) {
                add(call, written + "." + method, why);
                return;
            }
        }
    }

    private void checkConstruction(ObjectCreationExpr creation) {
        Set<String> types = resolve(creation.getType());
        if (creation.getArguments().isEmpty() || types.stream().noneMatch(FILE_OPENING_CONSTRUCTORS::contains)) {
            return;
        }
        Expression first = creation.getArgument(0);
        Set<String> argumentTypes = typeOf(first);
        boolean scanner = types.contains("java.util.Scanner");
        boolean fileName = !scanner && argumentTypes.contains("java.lang.String");
        if (fileName || argumentTypes.contains("java.io.File") || argumentTypes.contains("java.nio.file.Path")) {
            add(creation, "new " + creation.getType().asString() + "(" + first + ", ...)", FILES);
        }
    }

    private Optional<String> forbiddenStatic(String type, String method) {
        if (type.equals("java.nio.file.Files") && !FILES_ALLOWED.contains(method)) {
            return Optional.of(FILES);
        }
        return Optional.ofNullable(FORBIDDEN_STATIC.getOrDefault(type, Map.of()).get(method))
                .or(() -> forbiddenType(type));
    }

    private static Optional<String> forbiddenType(String qualified) {
        if (ALLOWED_NET.contains(qualified)) {
            return Optional.empty();
        }
        return Optional.ofNullable(FORBIDDEN_TYPES.get(qualified)).or(() -> forbiddenPackage(qualified));
    }

    private static Optional<String> forbiddenPackage(String qualified) {
        return FORBIDDEN_PACKAGES.entrySet().stream()
                .filter(entry -> qualified.startsWith(entry.getKey() + "."))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** What a type name as written may stand for, fully qualified: usually one, a few with on-demand imports. */
    private List<String> candidates(String written) {
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String rest = dot < 0 ? "" : written.substring(dot);
        if (first.isEmpty() || Character.isLowerCase(first.charAt(0))) {
            return dot < 0 ? List.of() : List.of(written); // package-qualified (or not a type)
        }
        if (localTypes.contains(first)) {
            return List.of();
        }
        String imported = singleImports.get(first);
        if (imported != null) {
            return List.of(imported + rest);
        }
        return onDemandPackages.stream().map(pkg -> pkg + "." + written).toList();
    }

    private Set<String> resolve(Type type) {
        if (!type.isClassOrInterfaceType()) {
            return Set.of();
        }
        return Set.copyOf(candidates(type.asClassOrInterfaceType().getNameWithScope()));
    }

    /** The possible types of an expression, as far as the syntax tree tells without a symbol solver. */
    private Set<String> typeOf(Expression expression) {
        if (expression instanceof EnclosedExpr enclosed) {
            return typeOf(enclosed.getInner());
        }
        if (expression instanceof CastExpr cast) {
            return resolve(cast.getType());
        }
        if (expression instanceof ObjectCreationExpr creation) {
            return resolve(creation.getType());
        }
        if (expression instanceof ClassExpr) {
            return Set.of("java.lang.Class");
        }
        if (expression instanceof StringLiteralExpr || expression instanceof TextBlockLiteralExpr) {
            return Set.of("java.lang.String");
        }
        if (expression instanceof NameExpr name) {
            return variableTypes.getOrDefault(name.getNameAsString(), Set.of());
        }
        if (expression instanceof FieldAccessExpr field && field.getScope().isThisExpr()) {
            return variableTypes.getOrDefault(field.getNameAsString(), Set.of());
        }
        if (expression instanceof MethodCallExpr call) {
            String method = call.getNameAsString();
            if (method.equals("getClass") && call.getArguments().isEmpty()) {
                return Set.of("java.lang.Class");
            }
            if (method.equals("toFile")) {
                return Set.of("java.io.File");
            }
            if (method.equals("toPath") || method.equals("resolve") || method.equals("resolveSibling")
                    || ((method.equals("of") || method.equals("get")) && call.getScope()
                    .map(scope -> scope.toString().endsWith("Path") || scope.toString().endsWith("Paths"))
                    .orElse(false))) {
                return Set.of("java.nio.file.Path");
            }
            if (method.equals("getRuntime") && call.getScope().map(Expression::toString)
                    .map(scope -> candidates(scope).contains("java.lang.Runtime")).orElse(false)) {
                return Set.of("java.lang.Runtime");
            }
        }
        return Set.of();
    }

    private boolean isTypeName(Expression expression) {
        if (expression instanceof TypeExpr) {
            return true;
        }
        if (expression instanceof NameExpr name) {
            return !variableTypes.containsKey(name.getNameAsString());
        }
        return expression instanceof FieldAccessExpr;
    }

    private void declare(String name, Collection<String> types) {
        variableTypes.computeIfAbsent(name, key -> new HashSet<>()).addAll(types);
    }

    private void add(Node node, String what, String why) {
        violations.add(new Violation(node.getBegin().map(position -> position.line).orElse(0), what, why));
    }
}
