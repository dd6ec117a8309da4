package org.sregistry.host.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sregistry.host.oci.clients.DistributionRegistry;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Our OCI distribution API ({@code /v2/}) against Debian's {@code docker-registry} (CNCF
 * distribution 2.8), in the same run on the same machine, with the same client code: push of a
 * large random blob (POST, PATCH of the whole file without Content-Range as go-containerregistry
 * streams it, PUT {@code ?digest=}; and one monolithic {@code POST ?digest=} where the registry
 * takes it), pull of that blob to the end (and once more with curl, which reads faster than
 * java.net.http), and GETs per second of small blobs from 8 concurrent
 * clients. {@code cat} of the large blob from page cache is the floor. Rounds alternate which
 * registry goes first. Writes the "oci" section of docs/BENCHMARKS.md.
 *
 * <p>Run (docker-registry must be installed: {@code apt-get install -y docker-registry}):
 * <pre>
 * mvn -B -q -Pbench -pl host-app -am verify -Dbench.skipRegistryCore=true -Dbench.skipBasicAuth=true
 * </pre>
 * docker-registry alone, printed and not written to the doc (our server is not started):
 * add {@code -Dbench.oci.mode=baseline-only}. Sizes: {@code -Dbench.rounds=5
 * -Dbench.oci.blobMiB=1024 -Dbench.oci.smallGets=2000}. docker-registry is started as the client kit's
 * tests start it ({@link DistributionRegistry}: filesystem storage in a temp folder, loopback, no auth,
 * errors-only log). Arguments of the class: {@code [benchmarks.md] [rounds] [blob MiB] [small GETs]
 * [both|baseline-only]}.
 */
public final class OciBenchmark {
    private static final String SECTION = "oci";
    private static final String REPOSITORY = "bench/oci";
    private static final int SMALL_BLOBS = 64;
    private static final int SMALL_BYTES = 4096;
    private static final int CLIENTS = 8;
    private static final String COMMAND = "mvn -B -q -Pbench -pl host-app -am verify -Dbench.skipRegistryCore=true "
            + "-Dbench.skipBasicAuth=true";

    private OciBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // java.net.http reads responses in 16 KiB buffers unless told otherwise (read once, at its first use)
        System.setProperty("jdk.httpclient.bufsize", System.getProperty("jdk.httpclient.bufsize", Integer.toString(256 << 10)));
        Path doc = Path.of(arg(args, 0, "docs/BENCHMARKS.md"));
        int rounds = Integer.parseInt(arg(args, 1, "5"));
        long blobMiB = Long.parseLong(arg(args, 2, "1024"));
        int smallGets = Integer.parseInt(arg(args, 3, "2000"));
        String mode = arg(args, 4, "both");
        if (!List.of("both", "baseline-only", "--baseline-only").contains(mode)) {
            throw new IllegalArgumentException("mode is both or baseline-only, not " + mode);
        }
        boolean baselineOnly = !mode.equals("both");

        Path work = Files.createTempDirectory("oci-bench");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            Blobs blobs = Blobs.create(work, blobMiB << 20);
            try (DistributionRegistry distribution = DistributionRegistry.start(work.resolve("distribution"));
                 RegistryExtension ours = baselineOnly ? null : RegistryExtension.builder().start()) {
                List<Target> targets = new ArrayList<>();
                targets.add(new Target("docker-registry", new OciClient(http, URI.create(distribution.baseUrl()), null)));
                if (ours != null) {
                    targets.add(new Target("ours", ourClient(http, ours)));
                }
                Result result = new Bench(blobs, clients, smallGets).run(targets, rounds);
                String table = result.table();
                System.out.println(table);
                if (baselineOnly) {
                    System.out.println("(baseline-only: our server not measured, " + doc + " left as it is)");
                } else {
                    String section = section(result, table, rounds, blobMiB, smallGets, distributionVersion());
                    BenchmarkDoc.writeSection(doc, SECTION, section);
                    System.out.println("Wrote the " + SECTION + " section of " + doc);
                }
            }
        } finally {
            clients.shutdownNow();
            BenchFiles.deleteTree(work);
        }
    }

    /** Our server, with the admin's HTTP Basic credentials on every request; fails clearly without /v2/. */
    private static OciClient ourClient(HttpClient http, RegistryExtension ours) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + ours.adminPassword()).getBytes(StandardCharsets.UTF_8));
        OciClient client = new OciClient(http, ours.server().baseUri(), basic);
        int status = client.ping();
        if (status == 404) {
            throw new IllegalStateException("our server has no /v2/ API (GET /v2/ answered 404); "
                    + "-Dbench.oci.mode=baseline-only measures docker-registry alone");
        }
        if (status != 200) {
            throw new IllegalStateException("our server answered GET /v2/ with " + status
                    + " to the admin's HTTP Basic credentials");
        }
        return client;
    }

    /** What {@code docker-registry --version} prints, e.g. {@code ... github.com/docker/distribution 2.8.2+ds1}. */
    private static String distributionVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(DistributionRegistry.BINARY.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return version;
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i && !args[i].isBlank() ? args[i].trim() : fallback;
    }

    private static String section(Result result, String table, int rounds, long blobMiB, int smallGets, String version) {
        return String.format(Locale.ROOT, """
                %s
                ## OCI distribution API: ours against docker-registry

                Measured %s on this machine (%d CPUs, Java %s, %s %s), %d rounds (best and median), against
                `%s` in the same run, with the same client code
                (`java.net.http`, HTTP/1.1, 256 KiB read buffers, bodies from a file and counted, not kept).
                Command: `%s`
                (class `org.sregistry.host.bench.OciBenchmark`, test classpath; our server in-process on a temp data
                dir with the admin's HTTP Basic credentials on every request; docker-registry as a child process on
                loopback, as the client kit's tests run it: filesystem storage, no auth, errors-only log).

                - push: %,d MiB of random bytes; POST an upload, PATCH the whole file without Content-Range (as
                  go-containerregistry streams a layer), PUT `?digest=`. Monolithic: one `POST ?digest=` with the body.
                - pull: GET of that blob to the end, its length checked; once with the benchmark's client, once
                  with `curl -o /dev/null` (java.net.http reads at most about 1 GB/s here, whatever the server).
                - small GETs: %,d GETs of %d blobs of %,d bytes, round-robin, from %d concurrent clients.
                - floor: `cat` of the %,d MiB file to /dev/null, from page cache.

                %s
                Goals: push and pull at most 1.0× docker-registry's time, small GETs at least 1.0× its rate. Our
                server shares its JVM (and garbage collector) with the client; docker-registry runs apart. Client and
                servers share the CPUs with whatever else runs, so absolute figures vary between runs; the ratios are
                what the run compares.
                %s
                """, BenchmarkDoc.begin(SECTION), LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                rounds, version, COMMAND, blobMiB, smallGets, SMALL_BLOBS, SMALL_BYTES, CLIENTS, blobMiB,
                table, BenchmarkDoc.end(SECTION));
    }

    /** A registry under test. */
    private record Target(String name, OciClient client) {
    }

    /** The blobs pushed: one large, {@value #SMALL_BLOBS} small. */
    private record Blobs(Path large, String largeDigest, long largeBytes, List<Path> small, List<String> smallDigests) {
        static Blobs create(Path dir, long largeBytes) throws IOException {
            Path large = BenchFiles.random(dir.resolve("large.blob"), largeBytes, 1);
            List<Path> small = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            for (int i = 0; i < SMALL_BLOBS; i++) {
                Path file = BenchFiles.random(dir.resolve("small-" + i + ".blob"), SMALL_BYTES, 100 + i);
                small.add(file);
                digests.add(BenchFiles.digest(file));
            }
            return new Blobs(large, BenchFiles.digest(large), largeBytes, small, digests);
        }
    }

    /** The measurements: warm-up, then rounds. */
    private record Bench(Blobs blobs, ExecutorService clients, int smallGets) {
        Result run(List<Target> targets, int rounds) throws Exception {
            Result result = new Result(targets.stream().map(Target::name).toList());
            for (Target t : targets) {
                for (int i = 0; i < SMALL_BLOBS; i++) {
                    t.client().pushChunked(REPOSITORY, blobs.small().get(i), blobs.smallDigests().get(i));
                }
                if (t.client().pushMonolithic(REPOSITORY, blobs.small().get(0), blobs.smallDigests().get(0))) {
                    result.monolithic.add(t.name());
                }
                // warm-up: JIT (our server runs in this JVM, interpreted at first), connections, page cache
                t.client().pushChunked(REPOSITORY, blobs.large(), blobs.largeDigest());
                for (int w = 0; w < 3; w++) {
                    pull(t);
                    smallRate(t, smallGets);
                }
            }
            for (int r = 0; r < rounds; r++) {
                result.add("floor", "cat", catSeconds());
                List<Target> order = new ArrayList<>(targets);
                if (r % 2 == 1) {
                    Collections.reverse(order); // each registry goes first every other round
                }
                for (Target t : order) {
                    long t0 = System.nanoTime();
                    t.client().pushChunked(REPOSITORY, blobs.large(), blobs.largeDigest());
                    result.add(t.name(), "push", seconds(t0));
                    if (result.monolithic.contains(t.name())) {
                        t0 = System.nanoTime();
                        t.client().pushMonolithic(REPOSITORY, blobs.large(), blobs.largeDigest());
                        result.add(t.name(), "monolithic", seconds(t0));
                    }
                    t0 = System.nanoTime();
                    pull(t);
                    result.add(t.name(), "pull", seconds(t0));
                    t0 = System.nanoTime();
                    checkLength(t, t.client().pullWithCurl(REPOSITORY, blobs.largeDigest()));
                    result.add(t.name(), "curl", seconds(t0));
                    result.add(t.name(), "small", smallRate(t, smallGets));
                }
                System.out.println(result.roundLine(r));
            }
            return result;
        }

        private void pull(Target t) throws IOException, InterruptedException {
            checkLength(t, t.client().pull(REPOSITORY, blobs.largeDigest()));
        }

        private void checkLength(Target t, long got) throws IOException {
            if (got != blobs.largeBytes()) {
                throw new IOException(t.name() + " sent " + got + " bytes of the " + blobs.largeBytes() + "-byte blob");
            }
        }

        /** GETs per second: {@code n} GETs of the small blobs, round-robin, from {@value #CLIENTS} clients. */
        private double smallRate(Target t, int n) throws Exception {
            long t0 = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int i = client; i < n; i += CLIENTS) {
                        long got = t.client().pull(REPOSITORY, blobs.smallDigests().get(i % SMALL_BLOBS));
                        if (got != SMALL_BYTES) {
                            throw new IOException(t.name() + " sent " + got + " bytes of a " + SMALL_BYTES + "-byte blob");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return n / seconds(t0);
        }

        private double catSeconds() throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            int exit = new ProcessBuilder("cat", blobs.large().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (exit != 0) {
                throw new IOException("cat exited with " + exit);
            }
            return seconds(t0);
        }

        private static double seconds(long t0) {
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Series per registry and measure, and the table made of them. */
    private static final class Result {
        private final List<String> names;
        private final List<String> monolithic = new ArrayList<>();
        private final Map<String, List<Double>> series = new LinkedHashMap<>();

        Result(List<String> names) {
            this.names = names;
        }

        void add(String target, String measure, double value) {
            series.computeIfAbsent(target + "/" + measure, k -> new ArrayList<>()).add(value);
        }

        String roundLine(int r) {
            StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
            series.forEach((key, values) -> line.append(String.format(Locale.ROOT, " %s %.2f", key, values.get(values.size() - 1))));
            return line.toString();
        }

        String table() {
            String dist = names.get(0);
            String ours = names.size() > 1 ? names.get(1) : null;
            StringBuilder t = new StringBuilder();
            t.append("| | ").append(dist).append(" best | median |");
            if (ours != null) {
                t.append(" ours best | median | **ours / ").append(dist).append("** best | median |");
            }
            t.append("\n|---|---|---|").append(ours != null ? "---|---|---|---|" : "").append('\n');
            row(t, "push, POST + PATCH + PUT (s)", "push", false, dist, ours);
            row(t, "push, monolithic POST (s)", "monolithic", false, dist, ours);
            row(t, "pull, java.net.http (s)", "pull", false, dist, ours);
            row(t, "pull, curl (s)", "curl", false, dist, ours);
            row(t, "small GETs (requests/s)", "small", true, dist, ours);
            List<Double> cat = series.get("floor/cat");
            t.append(String.format(Locale.ROOT, "| floor: cat to /dev/null (s) | %.2f | %.2f |%s%n", best(cat, false),
                    median(cat), ours != null ? " | | | |" : ""));
            return t.toString();
        }

        private void row(StringBuilder t, String label, String measure, boolean higherIsBetter, String dist, String ours) {
            List<Double> d = series.get(dist + "/" + measure);
            List<Double> o = ours == null ? null : series.get(ours + "/" + measure);
            String format = higherIsBetter ? "%.0f" : "%.2f";
            t.append("| ").append(label).append(" | ").append(cell(d, format, higherIsBetter, true)).append(" | ")
                    .append(cell(d, format, higherIsBetter, false)).append(" |");
            if (ours != null) {
                t.append(' ').append(cell(o, format, higherIsBetter, true)).append(" | ")
                        .append(cell(o, format, higherIsBetter, false)).append(" | ");
                if (d != null && o != null) {
                    t.append(String.format(Locale.ROOT, "**%.2f×** | **%.2f×** |", best(o, higherIsBetter) / best(d, higherIsBetter),
                            median(o) / median(d)));
                } else {
                    t.append("n/a | n/a |");
                }
            }
            t.append('\n');
        }

        private static String cell(List<Double> values, String format, boolean higherIsBetter, boolean best) {
            if (values == null) {
                return "not supported";
            }
            return String.format(Locale.ROOT, format, best ? best(values, higherIsBetter) : median(values));
        }

        private static double best(List<Double> values, boolean higherIsBetter) {
            return higherIsBetter
                    ? values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    : values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }
}
