package io.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedNumbersToTheRightAndNoLineEndsInSpaces() {
        Table table = Table.of("NAME", "COUNT", "NOTE").alignRight(1)
                .row("cheap", 60, "")
                .row("capable", 5, null)
                .row("multi\nline", 123, "a\tb");

        assertThat(print(table)).isEqualTo("""
                NAME        COUNT  NOTE
                cheap          60
                capable         5  -
                multi line    123  a b
                """);
    }

    @Test
    void fieldsLeaveOutWhatIsNull() {
        Table fields = Table.fields().field("Run", "r1").field("Finished", null).field("Status", "RUNNING");

        assertThat(print(fields)).isEqualTo("Run:     r1\nStatus:  RUNNING\n");
    }

    private static String print(Table table) {
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text, true));
        return text.toString();
    }
}
