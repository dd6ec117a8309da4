package org.sregistry.globussim.http;

/** Which family of error body a route answers with: each Globus service shapes its errors differently. */
public enum ErrorStyle {
    /** Transfer: {@code {"code","message","request_id","resource"}}. */
    TRANSFER,
    /** Auth resource calls: {@code {"errors":[...],"error","error_description"}}. */
    AUTH,
    /** The simulator's own control API: {@code {"error","message"}}. */
    CONTROL
}
