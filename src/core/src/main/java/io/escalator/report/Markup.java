package io.escalator.report;

/**
 * Builds HTML and inline SVG in which every text and every attribute value is escaped: a report shows model output
 * and callers' input, and none of it may become markup. Only tag and attribute names, which are this code's
 * constants, are written as they are, and whatever is passed to {@link #trusted}.
 */
final class Markup {

    private final StringBuilder out = new StringBuilder();

    /** An opening tag; {@code attributes} are name, value pairs (a {@code null} value leaves its attribute out). */
    Markup open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only text. */
    Markup element(String tag, Object text, Object... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** An element without content ({@code <circle .../>}, {@code <meta .../>}). */
    Markup empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    Markup text(Object text) {
        out.append(escape(String.valueOf(text)));
        return this;
    }

    /** Markup written as it is: only for this code's constants (the doctype, the style sheet). */
    Markup trusted(String markup) {
        out.append(markup);
        return this;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private void attributes(Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come as name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(String.valueOf(attributes[i + 1])))
                        .append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
