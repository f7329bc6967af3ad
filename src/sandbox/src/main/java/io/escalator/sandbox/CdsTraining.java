package io.escalator.sandbox;

import java.time.Duration;

/**
 * The run that makes the AppCDS archive: small, but touching what generated tests commonly use (lifecycle methods,
 * parameterized and nested tests, the usual assertions, a failing one, an exception), so that the classes behind
 * them are in the archive.
 */
final class CdsTraining {

    static final JavaTestRun RUN = new JavaTestRun("sandbox.training.Counter", """
            package sandbox.training;

            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            public class Counter {
                private final List<String> seen = new ArrayList<>();

                public int add(String word) {
                    if (word == null || word.isBlank()) {
                        throw new IllegalArgumentException("no word");
                    }
                    seen.add(word.strip());
                    return seen.size();
                }

                public Optional<String> longest() {
                    return seen.stream().max((a, b) -> Integer.compare(a.length(), b.length()));
                }

                public Map<String, Long> counts() {
                    return seen.stream().collect(java.util.stream.Collectors.groupingBy(w -> w,
                            java.util.stream.Collectors.counting()));
                }
            }
            """, "sandbox.training.CounterTest", """
            package sandbox.training;

            import static org.junit.jupiter.api.Assertions.*;

            import java.util.List;
            import java.util.Map;
            import org.junit.jupiter.api.BeforeEach;
            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Nested;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.params.ParameterizedTest;
            import org.junit.jupiter.params.provider.CsvSource;
            import org.junit.jupiter.params.provider.ValueSource;

            class CounterTest {
                private Counter counter;

                @BeforeEach
                void setUp() {
                    counter = new Counter();
                }

                @Test
                @DisplayName("adds and counts")
                void addsAndCounts() {
                    assertEquals(1, counter.add("a"));
                    assertEquals(2, counter.add("bb"));
                    assertTrue(counter.longest().isPresent());
                    assertAll(() -> assertEquals("bb", counter.longest().orElseThrow()),
                            () -> assertEquals(Map.of("a", 1L, "bb", 1L), counter.counts()),
                            () -> assertIterableEquals(List.of(1), List.of(1)),
                            () -> assertArrayEquals(new int[] {1}, new int[] {1}));
                }

                @ParameterizedTest
                @ValueSource(strings = {"", " "})
                void refusesBlank(String word) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> counter.add(word));
                    assertNotNull(e.getMessage());
                }

                @ParameterizedTest
                @CsvSource({"a, 1", "b, 1"})
                void countsOne(String word, int expected) {
                    counter.add(word);
                    assertEquals(expected, counter.counts().get(word));
                }

                @Test
                void failsOnPurpose() {
                    assertEquals("expected", "actual", "a failing assertion");
                }

                @Test
                void throwsOnPurpose() {
                    counter.add(null);
                }

                @Nested
                class WhenEmpty {
                    @Test
                    void hasNoLongest() {
                        assertFalse(counter.longest().isPresent());
                        assertNull(counter.counts().get("x"));
                        assertSame(counter, counter);
                        assertDoesNotThrow(() -> counter.counts());
                    }
                }
            }
            """, Duration.ofSeconds(60));

    private CdsTraining() {
    }
}
