package org.sregistry.globussim.control;

import org.sregistry.globussim.http.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Holds the injected faults and applies the first live one matching a request. */
public final class FaultInjector {
    private final List<ActiveFault> faults = new ArrayList<>();

    private static final class ActiveFault {
        final FaultSpec spec;
        final Pattern method;
        final Pattern path;
        int remaining;

        ActiveFault(FaultSpec spec) {
            this.spec = spec;
            String route = spec.route() == null ? "*" : spec.route().trim();
            int space = route.indexOf(' ');
            String m = space < 0 ? "*" : route.substring(0, space).trim();
            String p = space < 0 ? route : route.substring(space + 1).trim();
            this.method = glob(m.toUpperCase());
            this.path = glob(p);
            this.remaining = spec.count();
        }

        boolean matches(String requestMethod, String requestPath, String template) {
            return method.matcher(requestMethod).matches()
                    && (path.matcher(requestPath).matches() || path.matcher(template).matches());
        }
    }

    public synchronized void add(FaultSpec spec) {
        if (spec.route() == null || spec.route().isBlank()) throw ApiError.badRequest("'route' is required");
        if (spec.status() != 0 && (spec.status() < 100 || spec.status() > 599)) throw ApiError.badRequest("'status' must be an HTTP status");
        faults.add(new ActiveFault(spec));
    }

    public synchronized void clear() { faults.clear(); }

    public synchronized List<FaultSpec> list() {
        List<FaultSpec> out = new ArrayList<>();
        for (ActiveFault f : faults) {
            out.add(new FaultSpec(f.spec.route(), f.spec.status(), f.remaining, f.spec.retryAfter(), f.spec.latencyMs(),
                    f.spec.code(), f.spec.answerDelayMs()));
        }
        return out;
    }

    /**
     * Applies a matching fault: sleeps its latency, then throws the injected error if it has a status.
     * Counted faults are used up here (the sleep happens outside the lock so parallel requests overlap).
     *
     * @return milliseconds to hold the answer back after serving the request (0 = none)
     */
    public long apply(String method, String path, String template) {
        FaultSpec hit = take(method, path, template);
        if (hit == null) return 0;
        sleep(hit.latencyMs());
        if (hit.status() > 0) {
            if ("ConsentRequired".equals(hit.code())) throw consentRequired(hit.status(), path);
            ApiError error = new ApiError(hit.status(), hit.code() != null ? hit.code() : defaultCode(hit.status()),
                    "Injected fault (" + hit.status() + ") from the Globus simulator");
            if (hit.retryAfter() != null) error.header("Retry-After", String.valueOf(hit.retryAfter()));
            throw error;
        }
        return hit.answerDelayMs();
    }

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * An injected {@code ConsentRequired} in Globus's shape, with any status (403 as Transfer answers it today, or
     * 401, the legacy shape the SDK still recognises): {@code required_scopes} asks for the {@code data_access}
     * consent of the first collection id in the path.
     */
    static ApiError consentRequired(int status, String path) {
        ApiError error = new ApiError(status, "ConsentRequired", "Missing required data_access consent");
        java.util.regex.Matcher id = UUID.matcher(path == null ? "" : path);
        if (id.find()) {
            error.with("required_scopes", java.util.List.of("urn:globus:auth:scope:transfer.api.globus.org:all"
                    + "[*https://auth.globus.org/scopes/" + id.group() + "/data_access]"));
        }
        return error;
    }

    /** Sleeps {@code ms} (nothing for 0); an interrupt ends the sleep early. */
    public static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized FaultSpec take(String method, String path, String template) {
        for (int i = 0; i < faults.size(); i++) {
            ActiveFault f = faults.get(i);
            if (!f.matches(method, path, template)) continue;
            if (f.spec.count() > 0) {
                f.remaining--;
                if (f.remaining <= 0) faults.remove(i);
            }
            return f.spec;
        }
        return null;
    }

    static String defaultCode(int status) {
        switch (status) {
            case 400: return "ClientError.BadRequest";
            case 401: return "ClientError.AuthenticationFailed";
            case 403: return "PermissionDenied";
            case 404: return "ClientError.NotFound";
            case 409: return "Conflict";
            case 429: return "RequestLimitExceeded";
            case 502: return "ExternalError";
            case 503: return "ServiceUnavailable";
            case 504: return "GatewayTimeout";
            default: return status >= 500 ? "ServerError.InternalError" : "ClientError";
        }
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (re.length() > 0) re.append(".*");
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
