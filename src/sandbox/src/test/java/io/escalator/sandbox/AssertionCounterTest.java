package io.escalator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssertionCounterTest {

    @Test
    void countsJUnitAssertJAndHamcrestAssertionsPerTestMethod() {
        AssertionCounter.Count count = AssertionCounter.count(Parsing.parse("T.java", """
                package demo;

                import static org.assertj.core.api.Assertions.assertThat;
                import static org.hamcrest.MatcherAssert.assertThat;
                import org.junit.jupiter.api.Assertions;
                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.params.ParameterizedTest;

                class T {
                    @Test
                    void junit() {
                        Assertions.assertEquals(1, 1);
                        org.junit.jupiter.api.Assertions.assertTrue(true);
                        assertAll(() -> assertNotNull(""), () -> assertFalse(false));
                        if (false) fail("never");
                    }

                    @Test
                    void assertj() {
                        assertThat(List.of(1)).hasSize(1).contains(1);
                        assertThatThrownBy(() -> { throw new RuntimeException(); }).hasMessage(null);
                    }

                    @ParameterizedTest
                    void helper(int x) {
                        assertPositive(x);
                    }

                    @Test
                    void none() {
                        calculator.assertValid();
                        String assertion = "assertEquals(1, 2)";
                    }

                    private void assertPositive(int x) {
                        assertThat(x, greaterThan(0));
                    }
                }
                """).unit());

        // junit: assertEquals, assertTrue, assertNotNull, assertFalse, fail = 5; assertj: 2; helper's body: 1
        assertThat(count.assertions()).isEqualTo(8);
        assertThat(count.testMethods()).isEqualTo(4);
        assertThat(count.perTest()).isEqualTo(2.0);
    }

    @Test
    void noTestMethodsMeansZero() {
        assertThat(AssertionCounter.count(Parsing.parse("T.java", "class T {}").unit()).perTest()).isZero();
    }
}
