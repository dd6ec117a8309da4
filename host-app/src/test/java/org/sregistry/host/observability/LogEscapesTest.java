package org.sregistry.host.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** One log event is one line: control characters and line separators from outside are escaped by the layout. */
class LogEscapesTest {
    private static final String FORGED = "2030-01-01T00:00:00.000Z ERROR [main] org.sregistry.Admin - password reset";

    @Test
    void everyKindOfLineBreakAndControlIsEscapedVisibly() {
        assertThat(LogEscapes.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(LogEscapes.escape("nel\u0085ls\u2028ps\u2029esc\u001bdel\u007fnul\u0000c1\u009b"))
                .isEqualTo("nel\\u0085ls\\u2028ps\\u2029esc\\u001bdel\\u007fnul\\u0000c1\\u009b");
        assertThat(LogEscapes.escape("plain: ünïcödé / é, 漢字")).isEqualTo("plain: ünïcödé / é, 漢字");
        assertThat(LogEscapes.escape(null)).isNull();
    }

    @Test
    void theMessageConverterKeepsAForgedLineInsideTheRealOne() {
        LoggingEvent event = event("task failed: {}", new Object[] {"disk full\n" + FORGED}, null);

        String line = new MaskedMessageConverter().convert(event);

        assertThat(line).doesNotContain("\n").isEqualTo("task failed: disk full\\n" + FORGED);
    }

    @Test
    void exceptionMessagesInStackTracesCannotAddLines() {
        Exception inner = new IllegalStateException("inner\r\n" + FORGED);
        LoggingEvent event = event("boom", null, new RuntimeException("outer\u2028" + FORGED, inner));
        MaskedThrowableConverter converter = new MaskedThrowableConverter();
        converter.setContext(new LoggerContext());
        converter.start();

        String trace = converter.convert(event);

        assertThat(trace).contains("outer\\u2028" + FORGED, "inner\\r\\n" + FORGED);
        assertThat(trace.lines()).noneMatch(l -> l.startsWith(FORGED) || l.contains("\u2028"));
    }

    private static LoggingEvent event(String message, Object[] args, Throwable thrown) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent("test", context.getLogger("test"), Level.WARN, message, thrown, args);
    }
}
