package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.Ids;

import java.util.LinkedHashMap;
import java.util.Map;

/** Transfer "result" documents: {@code DATA_TYPE, code, message, request_id, resource}. */
final class Results {
    private Results() {}

    static Map<String, Object> result(String dataType, String code, String message, Call call) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", dataType);
        d.put("code", code);
        d.put("message", message);
        d.put("request_id", Ids.requestId());
        d.put("resource", call.resource());
        return d;
    }
}
