package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code OffsetDateTime} that Globus sends in either of its two styles
 * ({@code 2024-02-06T06:59:02+00:00} or {@code 2023-12-18 16:52:50+00:00}); see {@link GlobusTimestamps}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@JacksonAnnotationsInside
@JsonDeserialize(using = GlobusTimestamps.Deserializer.class)
@JsonSerialize(using = GlobusTimestamps.Serializer.class)
public @interface GlobusTimestamp {
}
