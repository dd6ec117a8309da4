package org.sregistry.host.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.sregistry.registry.files.OwnerOnly;

/** The rolling application log {@code <data-dir>/logs/registry.log}, and reading its tail for {@code /logs}. */
public final class LogFiles {
    private static final String APPENDER = "REGISTRY_FILE";

    private LogFiles() {
    }

    /** Points the file appender at {@code logsDir} (replacing an earlier one). */
    public static synchronized Path configure(Path logsDir) throws IOException {
        bridgeJavaUtilLogging();
        OwnerOnly.folder(logsDir);
        tightenFiles(logsDir);
        Path file = logsDir.resolve("registry.log").toAbsolutePath();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return file;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var previous = root.getAppender(APPENDER);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %maskedMsg%n%maskedEx");
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new OwnerOnlyAppender();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logsDir.toAbsolutePath() + "/registry.%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf("20MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("500MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return file;
    }

    /** Log files are 0600: a failed login line names addresses, a stack trace names paths. */
    private static void tightenFiles(Path logsDir) throws IOException {
        try (var files = Files.newDirectoryStream(logsDir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    OwnerOnly.tighten(file, OwnerOnly.FILE);
                }
            }
        }
    }

    /**
     * Makes the log file 0600 whenever it is (re)opened, also after a roll-over. Logback creates it
     * with the umask's mode; the folder being 0700 covers the moment in between and the archives.
     */
    private static final class OwnerOnlyAppender extends RollingFileAppender<ILoggingEvent> {
        @Override
        public void openFile(String fileName) throws IOException {
            super.openFile(fileName);
            OwnerOnly.tighten(Path.of(fileName), OwnerOnly.FILE);
        }
    }

    /** Jersey and HK2 use java.util.logging: send it through SLF4J so our levels, masking and file apply. */
    private static void bridgeJavaUtilLogging() {
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }

    /**
     * For CLI commands: the console shows warnings and errors only, so a command's own output is
     * not buried under the host's start-up lines.
     */
    public static synchronized void quietConsole() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        if (console != null) {
            ch.qos.logback.classic.filter.ThresholdFilter filter = new ch.qos.logback.classic.filter.ThresholdFilter();
            filter.setLevel("WARN");
            filter.setContext(context);
            filter.start();
            console.addFilter(filter);
        }
    }

    /** The last {@code maxBytes} of the log (from a line start). */
    public static String tail(Path file, int maxBytes) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - maxBytes);
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (start > 0) {
                int newline = text.indexOf('\n');
                text = newline >= 0 ? text.substring(newline + 1) : text;
            }
            return text;
        }
    }
}
