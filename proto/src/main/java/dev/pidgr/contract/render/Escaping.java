package dev.pidgr.contract.render;

import com.github.mustachejava.util.HtmlEscaper;
import java.io.IOException;
import java.io.Writer;

/**
 * How a value is written into a rendered text, by what the text is (docs/workflow.md, "Message
 * rendering"). Every tag is written this way, {@code {{{x}}}} and {@code {{&x}}} included: a value
 * never adds markup of its own.
 */
enum Escaping {

    /** HTML bodies: {@code & < > " ' ` =} and control characters become character references. */
    HTML,
    /** Markdown and RICH bodies: markup characters get a backslash, so a value reads as its text. */
    MARKDOWN,
    /** Titles, which are plain text: values as they are. */
    NONE;

    void write(String value, Writer out) throws IOException {
        switch (this) {
            case HTML -> HtmlEscaper.escape(value, out);
            case MARKDOWN -> MarkdownEscaper.escape(value, out);
            case NONE -> out.write(value);
        }
    }
}
