package org.sregistry.globussim.control;

/**
 * An injected fault: requests whose {@code "METHOD /path"} (or route template) match {@code route} are delayed
 * by {@code latencyMs} and, when {@code status > 0}, answered with that status instead of being served. With
 * {@code answerDelayMs}, the request is served (a submit creates its task) and only then is the answer held back:
 * Globus did the work, the caller waits (or gives up, or dies) before it hears so.
 *
 * @param route         {@code "GET /transfer/v0.10/endpoint_search"}, a template, or a glob with {@code *};
 *                      without a method it matches every method
 * @param status        HTTP status to answer, or 0 for latency only
 * @param count         how many matching requests it applies to; 0 or negative = until cleared
 * @param retryAfter    seconds sent in {@code Retry-After}, or null for none
 * @param latencyMs     delay added before serving
 * @param code          Globus {@code code} of the error body; null picks one from the status
 * @param answerDelayMs delay added after serving, before the answer is written (0 = none)
 */
public record FaultSpec(String route, int status, int count, Integer retryAfter, long latencyMs, String code,
                        long answerDelayMs) {

    /** A fault without an answer delay. */
    public FaultSpec(String route, int status, int count, Integer retryAfter, long latencyMs, String code) {
        this(route, status, count, retryAfter, latencyMs, code, 0);
    }

    public static FaultSpec status(String route, int status, int count) {
        return new FaultSpec(route, status, count, null, 0, null);
    }

    public static FaultSpec latency(String route, long latencyMs) {
        return new FaultSpec(route, 0, 0, null, latencyMs, null);
    }

    /**
     * Serves {@code count} matching requests (0 = until cleared) as usual, then holds each answer back for
     * {@code delayMs}: e.g. a transfer Globus accepted whose answer the registry never saw.
     */
    public static FaultSpec answerDelay(String route, long delayMs, int count) {
        return new FaultSpec(route, 0, count, null, 0, null, delayMs);
    }

    public FaultSpec withRetryAfter(int seconds) {
        return new FaultSpec(route, status, count, seconds, latencyMs, code, answerDelayMs);
    }

    public FaultSpec withCode(String globusCode) {
        return new FaultSpec(route, status, count, retryAfter, latencyMs, globusCode, answerDelayMs);
    }
}
