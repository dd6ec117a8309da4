package org.sregistry.globus.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Parses and formats Globus timestamps. Tasks use {@code 2024-02-06T06:59:02+00:00}, file listings and
 * endpoints {@code 2023-12-18 16:52:50+00:00}; both (and a missing offset, read as UTC) are accepted.
 */
public final class GlobusTimestamps {

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private GlobusTimestamps() {
    }

    /** Parses either Globus style; null or blank gives null. */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var parsed = LENIENT.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt;
        }
        return ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }

    /** ISO-8601 with 'T', explicit offset and whole seconds: what the SDK sends in filters and deadlines. */
    public static String format(OffsetDateTime time) {
        return time.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Jackson deserialiser accepting both styles. */
    public static final class Deserializer extends JsonDeserializer<OffsetDateTime> {
        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return null; // lenient: one odd timestamp must not make a whole listing unreadable
            }
        }
    }

    /** Jackson serialiser writing ISO-8601, so records can be re-emitted without the JSR-310 module. */
    public static final class Serializer extends JsonSerializer<OffsetDateTime> {
        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }
}
