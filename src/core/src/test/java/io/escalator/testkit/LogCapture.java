package io.escalator.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The log records a class writes while some code runs (JBoss Logging writes to java.util.logging in these tests). */
public final class LogCapture {

    private LogCapture() {
    }

    /** The WARN (and more severe) records {@code source}'s logger wrote while {@code action} ran, formatted. */
    public static List<LogRecord> warnings(Class<?> source, Runnable action) {
        return records(source, Level.WARNING, action);
    }

    /** The records of {@code level} and more severe that {@code source}'s logger wrote while {@code action} ran, formatted. */
    public static List<LogRecord> records(Class<?> source, Level level, Runnable action) {
        Logger logger = Logger.getLogger(source.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= level.intValue()) {
                    record.setMessage(new java.util.logging.SimpleFormatter().formatMessage(record));
                    record.setParameters(null);
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return records;
    }
}
