package io.escalator.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

/**
 * A Quarkus Lambda package (target/function.zip) as Lambda sees it: the application's classes at the top level and
 * its libraries under lib/. Read as a file: no class is loaded.
 */
final class LambdaPackage {

    static final DotName FUNQ = DotName.createSimple("io.quarkus.funqy.Funq");
    static final DotName REQUEST_STREAM_HANDLER = DotName.createSimple("com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private final Path zip;
    private final Set<String> classNames = new HashSet<>();
    private final Index applicationIndex;

    private LambdaPackage(Path zip) {
        this.zip = zip;
        Indexer indexer = new Indexer();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classNames.add(className(name));
                    try (InputStream in = file.getInputStream(entry)) {
                        indexer.index(in);
                    }
                } else if (name.startsWith("lib/") && name.endsWith(".jar")) {
                    // The project's own modules are indexed too (their @Funq methods, if any); third-party jars only
                    // contribute class names.
                    boolean application = name.contains("io.escalator.");
                    try (InputStream in = file.getInputStream(entry)) {
                        readJar(in, application ? indexer : null);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
        applicationIndex = indexer.complete();
    }

    static LambdaPackage read(Path zip) {
        return new LambdaPackage(zip);
    }

    Path path() {
        return zip;
    }

    boolean containsClass(String className) {
        return classNames.contains(className);
    }

    /**
     * Whether a class of the application (top level or an io.escalator module) implements the Lambda stream handler
     * interface and declares {@code handleRequest}. Empty when the class is not an application class (a library's).
     */
    Optional<Boolean> isStreamHandler(String className) {
        ClassInfo info = applicationIndex.getClassByName(DotName.createSimple(className));
        if (info == null) {
            return Optional.empty();
        }
        return Optional.of(info.interfaceNames().contains(REQUEST_STREAM_HANDLER)
                && info.methods().stream().anyMatch(m -> m.name().equals("handleRequest") && m.parametersCount() == 3));
    }

    /** Every {@code @Funq} function of the package: the annotation's value, else the method's name, with where. */
    TreeMap<String, String> funqyFunctions() {
        TreeMap<String, String> functions = new TreeMap<>();
        for (AnnotationInstance funq : applicationIndex.getAnnotations(FUNQ)) {
            if (funq.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            AnnotationValue value = funq.value();
            String method = funq.target().asMethod().name();
            String name = value == null || value.asString().isEmpty() ? method : value.asString();
            String where = funq.target().asMethod().declaringClass().name() + "#" + method;
            String previous = functions.put(name, where);
            if (previous != null && !previous.equals(where)) {
                throw new AssertionError("two @Funq functions named '" + name + "' in " + zip + ": " + previous + ", " + where);
            }
        }
        return functions;
    }

    private void readJar(InputStream in, Indexer indexer) throws IOException {
        ZipInputStream jar = new ZipInputStream(in);
        Predicate<String> isClass = n -> n.endsWith(".class") && !n.startsWith("META-INF/");
        for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
            if (isClass.test(entry.getName())) {
                classNames.add(className(entry.getName()));
                if (indexer != null) {
                    indexer.index(jar);
                }
            }
        }
    }

    private static String className(String entryName) {
        return entryName.substring(0, entryName.length() - ".class".length()).replace('/', '.');
    }
}
