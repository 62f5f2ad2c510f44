package dev.pidgr.contract.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.MapObjectHandler;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compiles Mustache templates safely: values are looked up in maps only (no reflection on
 * objects); partials, template inheritance and pragmas are refused; every value is written with
 * the text's {@link Escaping}, unescaped tags included. Templates stored before the command side
 * checked their shape are held to the same limits here: at most {@value #MAX_TAGS} tags, sections
 * nested at most {@value #MAX_DEPTH} deep (counted as the parser descends, before its recursion
 * could overflow the stack), names of at most {@value #MAX_TAG_NAME} characters (a dotted name is
 * looked up by recursion per segment). With values that are plain strings no tag runs more than
 * once, so rendering costs at most the tags plus the text written.
 */
final class MustacheTemplates {

    static final int MAX_TAGS = 1_000;
    static final int MAX_DEPTH = 10;
    static final int MAX_TAG_NAME = 200;

    private MustacheTemplates() {
    }

    /** Compiles {@code source}; throws {@link TemplateException} when it is not valid Mustache or breaks a limit. */
    static Mustache compile(String source, String name, Escaping escaping) {
        return compile(source, name, escaping, new LinkedHashSet<>());
    }

    /** As {@link #compile(String, String, Escaping)}, adding to {@code printed} the name of every value tag. */
    static Mustache compile(String source, String name, Escaping escaping, Set<String> printed) {
        try {
            return new Factory(escaping, printed).compile(new StringReader(source), name);
        } catch (Refused e) {
            throw new TemplateException(name + " " + e.getMessage(), e);
        } catch (MustacheException e) {
            throw new TemplateException(name + " is not a valid template: " + e.getMessage(), e);
        }
    }

    /** A limit or a refused feature; mustache.java's parser passes it through unchanged. */
    private static final class Refused extends MustacheException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** One factory per compilation: it counts that template's tags and open sections. */
    private static final class Factory extends DefaultMustacheFactory {
        private final Escaping escaping;
        private final Set<String> printed;
        private int tags;
        private int levels;

        Factory(Escaping escaping, Set<String> printed) {
            this.escaping = escaping;
            this.printed = printed;
            setObjectHandler(new MapObjectHandler());
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheNotFoundException("partials are not supported: " + resourceName);
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                escaping.write(value, writer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The parser asks for a visitor once for the template and once per section it descends into. */
        @Override
        public MustacheVisitor createMustacheVisitor() {
            if (++levels > MAX_DEPTH + 1) {
                throw new Refused("nests sections deeper than " + MAX_DEPTH);
            }
            return new Visitor(this);
        }

        private void tag(String name) {
            if (++tags > MAX_TAGS) {
                throw new Refused("has more than " + MAX_TAGS + " tags");
            }
            if (name.length() > MAX_TAG_NAME) {
                throw new Refused("has a tag name longer than " + MAX_TAG_NAME + " characters");
            }
        }

        private final class Visitor extends DefaultMustacheVisitor {
            Visitor(Factory factory) {
                super(factory);
            }

            @Override
            public Mustache mustache(TemplateContext tc) {
                levels--;
                return super.mustache(tc);
            }

            @Override
            public void value(TemplateContext tc, String variable, boolean encoded) {
                tag(variable);
                printed.add(variable);
                super.value(tc, variable, true);
            }

            @Override
            public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                tag(variable);
                super.iterable(tc, variable, mustache);
            }

            @Override
            public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                tag(variable);
                super.notIterable(tc, variable, mustache);
            }

            @Override
            public void comment(TemplateContext tc, String comment) {
                tag("");
                super.comment(tc, comment);
            }

            @Override
            public void partial(TemplateContext tc, String variable, String indent) {
                throw new Refused("uses a partial, which is not supported");
            }

            @Override
            public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                partial(tc, variable, indent);
            }

            @Override
            public void extend(TemplateContext tc, String variable, Mustache mustache) {
                throw new Refused("uses template inheritance, which is not supported");
            }

            @Override
            public void name(TemplateContext tc, String variable, Mustache mustache) {
                extend(tc, variable, mustache);
            }

            @Override
            public void checkName(TemplateContext tc, String variable, Mustache mustache) {
                extend(tc, variable, mustache);
            }

            @Override
            public void pragma(TemplateContext tc, String pragma, String args) {
                throw new Refused("uses a pragma, which is not supported");
            }
        }
    }
}
