package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForbiddenApiCheckTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            new ProcessBuilder("ls").start();                                     | ProcessBuilder        | process creation
            Runtime.getRuntime().exec("ls");                                      | exec                  | process creation
            Runtime rt = Runtime.getRuntime(); rt.exec("ls");                     | rt.exec               | process creation
            var rt = Runtime.getRuntime(); rt.halt(1);                            | rt.halt               | ending the JVM
            ProcessHandle.current().parent().ifPresent(ProcessHandle::destroy);   | ProcessHandle         | process creation
            System.exit(0);                                                       | System.exit           | ending the JVM
            java.lang.System.exit(0);                                             | java.lang.System.exit | ending the JVM
            Runnable r = System::exit;                                            | System.exit           | ending the JVM
            Class.forName("java.lang.Thread");                                    | Class.forName         | reflection
            String.class.getDeclaredField("value").setAccessible(true);           | setAccessible         | reflection
            var m = calculator.getClass().getDeclaredMethod("secret");            | getDeclaredMethod     | reflection
            java.lang.invoke.MethodHandles.lookup();                              | java.lang.invoke      | reflection
            new java.net.Socket("localhost", 80);                                 | java.net.Socket       | network
            java.net.URI.create("http://x").toURL().openStream();                 | openStream            | network
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x"), ""); | Files.writeString     | file system access
            java.nio.file.Files.delete(java.nio.file.Path.of("/tmp/x"));          | Files.delete          | file system access
            java.nio.file.Files.readString(java.nio.file.Path.of("/etc/passwd")); | Files.readString      | file system access
            new java.io.FileWriter("/tmp/x").close();                             | java.io.FileWriter    | file system access
            new java.io.FileInputStream("/etc/passwd").close();                   | FileInputStream       | file system access
            new java.io.RandomAccessFile("/tmp/x", "rw").close();                 | RandomAccessFile      | file system access
            new java.io.File("/tmp/x").delete();                                  | delete                | file system access
            new java.io.PrintWriter("/tmp/x").close();                            | PrintWriter           | file system access
            java.io.File.createTempFile("a", "b");                                | createTempFile        | file system access
            System.loadLibrary("evil");                                           | System.loadLibrary    | native or JDK-internal access
            sun.misc.Unsafe u = null;                                             | sun.misc.Unsafe       | native or JDK-internal access
            Object o = jdk.internal.misc.Unsafe.getUnsafe();                      | jdk.internal          | native or JDK-internal access
            java.lang.foreign.Linker.nativeLinker();                              | java.lang.foreign     | native or JDK-internal access
            """)
    void refusesInCode(String statement, String what, String why) {
        List<ForbiddenApiCheck.Violation> violations = check("", statement);

        assertThat(violations).isNotEmpty().first().satisfies(violation -> {
            assertThat(violation.line()).isEqualTo(8);
            assertThat(violation.what()).contains(what);
            assertThat(violation.why()).isEqualTo(why);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "import java.net.*;",
            "import java.net.http.HttpClient;",
            "import java.lang.reflect.Method;",
            "import java.lang.invoke.MethodHandles;",
            "import java.nio.channels.FileChannel;",
            "import java.io.FileOutputStream;",
            "import static java.lang.System.exit;",
            "import static java.lang.System.*;",
            "import static java.nio.file.Files.*;",
            "import sun.misc.Unsafe;",
            "import jdk.internal.misc.VM;",
    })
    void refusesImports(String importDeclaration) {
        assertThat(check(importDeclaration, "")).singleElement()
                .satisfies(violation -> assertThat(violation.line()).isEqualTo(2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "assertEquals(5, calculator.add(2, 3));",
            "Thread t = new Thread(() -> {}); t.start(); t.join();",
            "var pool = java.util.concurrent.Executors.newFixedThreadPool(2); pool.shutdown();",
            "java.net.URI uri = java.net.URI.create(\"http://example.com\");",
            "java.io.File f = new java.io.File(\"a.txt\"); assertEquals(\"a.txt\", f.getName());",
            "java.nio.file.Path p = java.nio.file.Path.of(\"a\"); assertFalse(java.nio.file.Files.exists(p));",
            "java.io.StringWriter out = new java.io.StringWriter(); new java.io.PrintWriter(out).println(1);",
            "System.out.println(System.getenv(\"HOME\") + System.currentTimeMillis());",
            "new java.util.Scanner(\"1 2\").nextInt();",
            "calculator.delete(1); calculator.exec(); calculator.exit();",
            "Runtime.getRuntime().availableProcessors();",
    })
    void allowsWhatUnitTestsDo(String statement) {
        assertThat(check("", statement)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aClassUnderTestNamedLikeAForbiddenTypeIsItself() {
        assertThat(ForbiddenApiCheck.check(Parsing.parse("T.java", """
                package demo;
                class ProcessTest {
                    void test() {
                        new Process().start();
                    }
                }
                """).unit(), Set.of("Process"))).isEmpty();
    }

    /** The statement lands on line 8, an import on line 2. */
    private static List<ForbiddenApiCheck.Violation> check(String importDeclaration, String statement) {
        Parsing.Parsed parsed = Parsing.parse("CalculatorTest.java", """
                package demo;
                %s
                import static org.junit.jupiter.api.Assertions.*;

                class CalculatorTest {
                    Calculator calculator = new Calculator();
                    void test() throws Exception {
                        %s
                    }
                }
                """.formatted(importDeclaration, statement));
        assertThat(parsed.syntaxErrors()).isEmpty();
        return ForbiddenApiCheck.check(parsed.unit(), Set.of("Calculator"));
    }
}
