package org.sregistry.host.observability;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %maskedMsg}: the formatted message with secrets masked and control characters escaped
 * ({@link LogEscapes}), so one event is always one line, whatever values from outside it carries.
 */
public class MaskedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogEscapes.escape(SecretMasker.mask(super.convert(event)));
    }
}
