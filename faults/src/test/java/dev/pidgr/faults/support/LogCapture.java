package dev.pidgr.faults.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Warnings and errors that pidgr's own classes log in this JVM (roles run in-process), for tests that check a skip was
 * logged.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("fault-log-capture");
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Starts capturing until closed. */
    public static LogCapture begin() {
        LogCapture capture = new LogCapture();
        capture.start();
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getLoggerName().startsWith("dev.pidgr")) {
            lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage());
        }
    }

    /** The captured lines that contain {@code text}. */
    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
