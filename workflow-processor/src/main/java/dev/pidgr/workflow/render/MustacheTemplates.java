package dev.pidgr.workflow.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.reflect.MapObjectHandler;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Compiles Mustache templates safely: values are looked up in maps only (no reflection on
 * objects), partials are refused (a template could otherwise read files), and values are
 * HTML-escaped only for HTML templates.
 */
final class MustacheTemplates {

    private static final MustacheTemplates HTML = new MustacheTemplates(true);
    private static final MustacheTemplates VERBATIM = new MustacheTemplates(false);

    private final Factory factory;

    private MustacheTemplates(boolean escapeHtml) {
        this.factory = new Factory(escapeHtml);
    }

    static MustacheTemplates escapingHtml(boolean escapeHtml) {
        return escapeHtml ? HTML : VERBATIM;
    }

    /** Compiles {@code source}; throws {@link TemplateException} when it is not valid Mustache. */
    Mustache compile(String source, String name) {
        try {
            return factory.compile(new StringReader(source), name);
        } catch (MustacheException e) {
            throw new TemplateException(name + " is not a valid template: " + e.getMessage(), e);
        }
    }

    private static final class Factory extends DefaultMustacheFactory {
        private final boolean escapeHtml;

        Factory(boolean escapeHtml) {
            this.escapeHtml = escapeHtml;
            setObjectHandler(new MapObjectHandler());
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheNotFoundException("partials are not supported: " + resourceName);
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
                return;
            }
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
