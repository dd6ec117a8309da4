/**
 * A contract suite for OCI distribution registries, driven by real clients: skopeo, podman and
 * umoci (Debian packages, installed by {@code .ci/run}) and oras-java ({@code land.oras:oras-java-sdk},
 * test scope). {@link org.sregistry.host.oci.clients.OciClientContract} holds the tests; a subclass
 * names the registry and its login. {@link org.sregistry.host.oci.clients.ClientKitAgainstDistributionIT}
 * and {@link org.sregistry.host.oci.clients.ClientKitAgainstDistributionWithBasicAuthIT} prove the kit
 * against CNCF distribution 2.8 ({@link org.sregistry.host.oci.clients.DistributionRegistry});
 * {@link org.sregistry.host.oci.clients.ClientKitAgainstRegistryIT} runs it against this registry
 * (and pushes with oras-java through the token endpoint, {@link org.sregistry.host.oci.clients.OrasTokenFlow}).
 *
 * <p>The invocations, as run (plain-HTTP registry at {@code 127.0.0.1:PORT}):
 * <pre>
 * skopeo --policy S/policy.json --registries.d S/registries.d --tmpdir S/tmp \
 *     copy --dest-tls-verify=false [--dest-creds U:P] oci:LAYOUT:base docker://127.0.0.1:PORT/REPO:1
 * skopeo ... copy --src-tls-verify=false [--src-creds U:P] docker://127.0.0.1:PORT/REPO:1 oci:LAYOUT2:back
 * skopeo ... inspect --raw --tls-verify=false [--creds U:P] docker://127.0.0.1:PORT/REPO:1
 * podman --storage-driver vfs --root S/storage --runroot S/runroot --tmpdir S/libpod-tmp \
 *     --cgroup-manager cgroupfs --events-backend none --log-level error \
 *     pull --quiet --signature-policy S/policy.json --tls-verify=false [--creds U:P] docker://127.0.0.1:PORT/REPO:1
 * podman ... push --quiet --signature-policy S/policy.json --tls-verify=false [--creds U:P] 127.0.0.1:PORT/REPO:1 docker://...
 * umoci init --layout L; umoci new --image L:base; umoci insert --image L:base FILE /path; umoci config ...; umoci gc --layout L
 * </pre>
 * with HOME, XDG_*, TMPDIR, REGISTRY_AUTH_FILE, CONTAINERS_REGISTRIES_CONF (and for podman
 * CONTAINERS_CONF, CONTAINERS_STORAGE_CONF) pointing into the sandbox folder S
 * ({@link org.sregistry.host.oci.clients.ContainersSandbox}).
 */
package org.sregistry.host.oci.clients;
