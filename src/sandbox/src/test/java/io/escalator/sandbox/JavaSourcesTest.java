package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JavaSourcesTest {

    @Test
    void aClassThatCompilesHasNoErrors() {
        assertThat(JavaSources.compileErrors("demo.Calculator", Samples.CALCULATOR)).isEmpty();
    }

    @Test
    void compileErrorsHaveTheirLine() {
        assertThat(JavaSources.compileErrors("demo.Broken", """
                package demo;

                public class Broken {
                    public int twice(int a) {
                        return a * undefined;
                    }
                }
                """)).hasValueSatisfying(errors -> assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.source()).isEqualTo("Broken.java");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.message()).contains("cannot find symbol", "undefined");
        }));
    }

    @Test
    void aClassNeedsMoreThanTheJdkIsAnError() {
        assertThat(JavaSources.compileErrors("demo.Uses", """
                package demo;
                import org.junit.jupiter.api.Test;
                public class Uses {}
                """)).hasValueSatisfying(errors -> assertThat(errors.getFirst().line()).isEqualTo(2));
    }

    @Test
    void aPublicClassInTheWrongFileIsAnError() {
        assertThat(JavaSources.compileErrors("demo.Other", "package demo; public class Calculator {}")).isPresent();
    }

    @Test
    void eclipsesCompilerChecksTheSameWay() {
        SourceCompiler ecj = SourceCompiler.of(SourceCompiler.Kind.ECJ);

        assertThat(ecj.check("demo.Calculator", Samples.CALCULATOR)).isEmpty();
        assertThat(ecj.check("demo.Broken", "package demo;\npublic class Broken {\n int x = y;\n}\n"))
                .singleElement().satisfies(error -> {
                    assertThat(error.line()).isEqualTo(3);
                    assertThat(error.message()).contains("y");
                });
    }

    @Test
    void publicMethodsInOrderWithOverloadsOnce() {
        assertThat(JavaSources.publicMethods("""
                package demo;
                public class Shapes {
                    public Shapes() {}
                    public double area(double r) { return r; }
                    private void hidden() {}
                    public static Shapes of() { return new Shapes(); }
                    double packagePrivate() { return 0; }
                    public double area(double w, double h) { return w * h; }
                    protected void inherited() {}
                    public String name() { return ""; }
                    public static class Nested { public void notMine() {} }
                }
                """)).containsExactly("area", "of", "name");
    }

    @Test
    void everyNonPrivateInterfaceMethodIsPublic() {
        assertThat(JavaSources.publicMethods("""
                interface Greeter {
                    String greet(String name);
                    default String greet() { return greet("you"); }
                    static Greeter polite() { return n -> "Dear " + n; }
                    private void helper() {}
                }
                """)).containsExactly("greet", "polite");
    }

    @Test
    void methodLinesSpanEveryOverloadWithItsAnnotations() {
        String source = """
                package demo;
                public class Shapes {
                    @Deprecated
                    public double area(double r) {
                        return r;
                    }
                    public String name() { return ""; }
                    public double area(double w, double h) { return w * h; }
                    public static class Nested { public void area() {} }
                }
                """;

        assertThat(JavaSources.methodLines(source, "area")).containsExactlyInAnyOrder(3, 4, 5, 6, 8);
        assertThat(JavaSources.methodLines(source, "name")).containsExactly(7);
        assertThat(JavaSources.methodLines(source, "missing")).isEmpty();
    }

    @Test
    void classNameIsPackagePlusPrimaryType() {
        assertThat(JavaSources.className("package a.b;\nclass Helper {}\npublic final class Main {}\n"))
                .isEqualTo("a.b.Main");
        assertThat(JavaSources.className("record Point(int x, int y) {}")).isEqualTo("Point");
        assertThat(JavaSources.className("package a; enum Color { RED }")).isEqualTo("a.Color");
    }

    @Test
    void unparsableSourcesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> JavaSources.className("package a;\nclass {"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the source does not parse: line 2:");
        assertThatThrownBy(() -> JavaSources.publicMethods("package a;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the source declares no class, interface, enum or record");
    }
}
