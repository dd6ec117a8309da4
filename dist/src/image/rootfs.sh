#!/bin/sh
# Builds the file tree of the OCI image (Jib adds it to a "scratch" base as extra directories):
#   /opt/java      a Java runtime made with jlink from the JDK running the build (java.home)
#   /lib, /lib64   the shared libraries that runtime links against, copied from this machine (glibc, zlib,
#                  libstdc++...), found with ldd: no base image is pulled from any registry
#   /opt/registry  the distribution (bin, lib, plugins, conf, share, README.txt)
#   /etc/passwd, /etc/group  the unprivileged user 65532 ("registry") the image runs as
#   /tmp, /data    world-writable (Jib sets modes of three digits only: no sticky bit); the registry's data dir
#                  is /data/registry, which it makes itself (0700)
#
# Usage: rootfs.sh JAVA_HOME DIST_TARBALL OUT_DIR   (file modes are set by Jib, see dist/pom.xml)
set -eu
java_home=$1
tarball=$2
out=$3

rm -rf "$out" "$out.unpacked"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/data" "$out.unpacked"
tar -xzf "$tarball" -C "$out.unpacked"
dist=$(echo "$out.unpacked"/registry-*)

jlink=$java_home/bin/jlink
[ -x "$jlink" ] || jlink=$(command -v jlink)
# Every module of the JDK: the registry, its plugins and their libraries (JNDI, SQL, HTTP client, XML, management,
# the JDK's HTTP server for the demo's Globus simulator...) are not trimmed by hand here; measuring and narrowing
# the set is start-up and footprint work.
"$jlink" --add-modules ALL-MODULE-PATH --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/java"
# no symbolic links out of the tree (Debian's JDK links conf/ and cacerts into /etc): jlink copies real files
rm -rf "$out/opt/java/legal"

mv "$dist" "$out/opt/registry"
rmdir "$out.unpacked"

# the libraries every ELF file of the runtime needs, at their paths on this machine
libs=$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | sed -n 's/^.*=> \(\/[^ ]*\) .*$/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (0x.*$/\1/p' | sort -u)
for lib in $libs; do
  case $lib in "$out"*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# glibc's name service modules (getpwuid, hosts); since glibc 2.34 files and dns are built into libc, the rest is
# optional
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 \
    /lib/x86_64-linux-gnu/libresolv.so.2; do
  if [ -e "$lib" ]; then
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  fi
done
# certificate authorities for outgoing TLS (Globus, OIDC, SMTP, LDAP): the build JDK's cacerts, dereferenced
if [ -e "$java_home/lib/security/cacerts" ]; then
  cp -L "$java_home/lib/security/cacerts" "$out/opt/java/lib/security/cacerts"
fi

printf 'root:x:0:0:root:/root:/sbin/nologin\nregistry:x:65532:65532:registry:/data:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nregistry:x:65532:\n' > "$out/etc/group"
printf 'hosts: files dns\npasswd: files\ngroup: files\n' > "$out/etc/nsswitch.conf"
