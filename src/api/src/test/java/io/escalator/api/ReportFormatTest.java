package io.escalator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalator.validation.FieldError;
import io.escalator.validation.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which form of the report a request gets. */
class ReportFormatTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // Firefox, Chrome, Safari asking for a page
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 ",
            "TEXT/HTML"})
    void aBrowserGetsHtml(String accept) {
        assertThat(ReportFormat.choose(null, accept)).isEqualTo(ReportFormat.HTML);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "none                                  | TEXT",
            "*/*                                   | TEXT",
            "text/plain                            | TEXT",
            "application/json                      | JSON",
            "application/json, text/plain          | TEXT",
            "application/json, text/html           | JSON",
            "text/*;q=0.5, application/json        | JSON",
            "text/html;q=0.1, */*                  | TEXT",
            "text/plain;q=0, */*;q=0.5             | JSON",
            "text/html, application/json;q=0.9     | HTML",
            "application/json;q=x, text/html;q=0.2 | HTML"})
    void otherwiseTheAcceptHeadersFavouriteWinsAndTextOnATie(String accept, ReportFormat expected) {
        assertThat(ReportFormat.choose(null, accept)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"html, HTML", "JSON, JSON", " text , TEXT"})
    void theFormatParameterOverridesTheHeader(String format, ReportFormat expected) {
        assertThat(ReportFormat.choose(format, "application/json;q=0.1, text/html;q=0.2, text/plain;q=0.3"))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "htm"})
    void anUnknownFormatIsAnInvalidRequestOnTheFormatParameter(String format) {
        assertThatThrownBy(() -> ReportFormat.choose(format, null)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("format"));
    }
}
