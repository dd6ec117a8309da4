/**
 * {@code library://} (Apptainer's library client) through the OCI redirect: discovery, token
 * status, image facts and {@code /v1/oci-redirect}, after which the client moves the bytes over
 * {@code /v2/}. See {@link org.sregistry.host.library.LibraryServlet} for the routes and
 * {@link org.sregistry.host.library.LibraryPaths} for how library paths name registry images.
 */
package org.sregistry.host.library;
