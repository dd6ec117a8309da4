package org.sregistry.globussim.http;

/** Serves one route. Throw {@link ApiError} for caller-visible failures. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call) throws Exception;
}
