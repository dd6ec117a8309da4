package org.sregistry.crash;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.sregistry.crash.Figures.Count;

/**
 * One run of the harness: set up (simulator, first start, Globus login, pool images), then {@code kills} cycles of
 * "start, check everything acknowledged so far, write until a SIGKILL", then a last start that lets the Globus
 * imports settle and checks everything once more, downloads included.
 */
final class CrashRun {
    private static final List<String> BASE_JVM_ARGS = List.of("-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");
    private static final int POOL_IMAGES = 3;

    /** What a run hands back. */
    record Result(Figures figures, List<Throwable> harnessErrors, Path runDir, long elapsedMillis) {
    }

    private final CrashSettings settings;
    private final Path runDir;
    private final Path dataDir;
    private final Path scratch;
    private final Figures figures = new Figures();
    private final ImageBook book = new ImageBook();
    private final TrackedTransfers transfers = new TrackedTransfers();
    private final OciBook oci = new OciBook();
    private final List<Throwable> harnessErrors = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = RegistryApi.newClient();
    private final Random plans;
    private final NameChecks names;
    private final StoreChecks store;
    private final OciChecks ociChecks;
    private SimulatedGlobus globus;
    private GlobusChecks globusChecks;
    private RegistryProcess.Launch launch;
    private String token;
    /** The registry process last started, killed if the run ends early. */
    private RegistryProcess current;

    private CrashRun(CrashSettings settings, Path runDir) {
        this.settings = settings;
        this.runDir = runDir;
        this.dataDir = runDir.resolve("data");
        this.scratch = runDir.resolve("scratch");
        this.plans = new Random(settings.seed());
        this.names = new NameChecks(book, figures);
        this.ociChecks = new OciChecks(oci, dataDir, figures);
        this.store = new StoreChecks(dataDir, figures, ociChecks);
    }

    /** Runs it; the table is printed whatever happens, the folders are removed only after a clean pass. */
    static Result execute(CrashSettings settings) throws Exception {
        Path runDir = settings.work().resolve("run-" + settings.seed());
        deleteTree(runDir);
        Files.createDirectories(runDir);
        CrashRun run = new CrashRun(settings, runDir);
        long start = System.currentTimeMillis();
        try (SimulatedGlobus globus = SimulatedGlobus.start(runDir.resolve("globus"))) {
            run.globus = globus;
            run.globusChecks = new GlobusChecks(run.transfers, globus, run.figures);
            run.setUp();
            for (int cycle = 1; cycle <= settings.kills(); cycle++) {
                run.cycle(cycle);
            }
            run.finish(settings.kills() + 1);
        } finally {
            if (run.current != null) {
                run.current.kill(); // a run that failed half-way leaves no server behind
            }
            long elapsed = System.currentTimeMillis() - start;
            System.out.println(run.figures.table(settings.seed(), elapsed));
            System.out.println("run folder: " + runDir + " (registry console: " + runDir.resolve("console.log") + ")");
        }
        long elapsed = System.currentTimeMillis() - start;
        if (run.figures.failures() == 0 && run.harnessErrors.isEmpty() && !settings.keep()) {
            deleteTree(runDir);
        }
        return new Result(run.figures, run.harnessErrors, runDir, elapsed);
    }

    private void setUp() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Files.createDirectories(scratch);
        Path archive = runDir.resolve("registry.jsa");
        List<String> jvm = new ArrayList<>(BASE_JVM_ARGS);
        jvm.addAll(settings.jvmArgs());
        Map<String, String> env = new LinkedHashMap<>(globus.registryEnvironment());
        // the workload writes random bytes (and the odd real SIF): formats are not what this test is about
        env.put("REGISTRY_ANY_FILE_COLLECTIONS", "*");
        settings.environment().forEach((k, v) -> env.put(k, v.replace("{data}", dataDir.toString())));
        launch = new RegistryProcess.Launch(settings.jars().resolve("registry.jar"), dataDir,
                settings.jars().resolve("plugins"), runDir, runDir.resolve("console.log"), jvm, env);
        if (!Files.isRegularFile(launch.jar())) {
            throw new IllegalStateException(launch.jar() + " is missing: build with mvn -B verify (it copies "
                    + "host-app/target/registry.jar there in pre-integration-test)");
        }
        // The first start records the classes it loads (AppCDS): every later start maps them instead of loading them.
        List<String> dumping = new ArrayList<>(jvm);
        dumping.add("-XX:ArchiveClassesAtExit=" + archive);
        RegistryProcess first = timedStart(launch.withJvmArgs(dumping));
        String password = Files.readString(dataDir.resolve("initial-admin-password")).trim();
        token = RegistryApi.basic(http, first.awaitListening(), password).createToken("crash-harness");
        RegistryApi api = api(first);
        globus.connect(api);
        Random rng = new Random(settings.seed() ^ 0x5eedL);
        for (int i = 1; i <= POOL_IMAGES; i++) {
            byte[] content = new byte[(64 << 10) + rng.nextInt(1 << 20)];
            rng.nextBytes(content);
            TrackedName image = new TrackedName("pool/img-" + i + ":v1");
            book.owned(ImageBook.POOL).add(image);
            image.sending(Digests.of(content), false);
            RegistryApi.Answer a = api.upload(image.uri, content);
            if (a.status() != 201) {
                throw new IOException("uploading " + image.uri + " answered " + a.status() + ": " + a.body());
            }
            image.acknowledged();
            figures.add(Count.ACK_UPLOADS);
        }
        first.stop();
        if (Files.isRegularFile(archive)) {
            List<String> sharing = new ArrayList<>(jvm);
            sharing.add("-XX:SharedArchiveFile=" + archive);
            launch = launch.withJvmArgs(sharing);
        }
        System.out.printf("crash consistency: seed %d, %d kills, %d upload workers, registry %s, run folder %s%s%n",
                settings.seed(), settings.kills(), settings.uploadWorkers(), launch.jar(), runDir,
                settings.environment().isEmpty() ? "" : ", extra environment " + settings.environment().keySet());
    }

    private void cycle(int cycle) throws Exception {
        KillPlan plan = KillPlan.draw(plans, settings.modes());
        long t0 = System.nanoTime();
        if (plan.mode() == KillPlan.Mode.STARTUP) {
            RegistryProcess p = RegistryProcess.launch(launch);
            current = p;
            Thread.sleep(plan.millis());
            p.kill();
            figures.killed(plan.mode().name().toLowerCase());
            progress(cycle, plan, plan.millis() + " ms after launch", String.format("%4.1f s", (System.nanoTime() - t0) / 1e9));
            return;
        }
        RegistryProcess server = timedStart(launch);
        RegistryApi api = api(server);
        long started = System.nanoTime();
        checkAfterRestart(api, cycle);
        long checked = System.nanoTime();
        long triggerBase = plan.trigger() == null ? 0 : globus.requests(plan.trigger());
        long ociBase = oci.commits.get();
        Workload work = new Workload(api, book, transfers, globus, oci, figures, cycle, settings.seed(), scratch,
                settings.uploadWorkers(), plan);
        work.start();
        String when = switch (plan.mode()) {
            case QUIET -> {
                work.awaitBudgets(60_000);
                Thread.sleep(plan.millis());
                yield "after " + plan.millis() + " ms of quiet";
            }
            case OCI_WRITE -> {
                boolean fired = await(() -> oci.commits.get() >= ociBase + plan.nth());
                Thread.sleep(plan.millis());
                yield fired ? plan.millis() + " ms after OCI write #" + plan.nth() : "at the bound: no OCI write #" + plan.nth();
            }
            case AFTER_SUBMIT, DURING_IMPORT -> {
                boolean fired = awaitRequest(plan.trigger(), triggerBase);
                Thread.sleep(plan.millis());
                yield fired ? plan.millis() + " ms after " + (plan.mode() == KillPlan.Mode.AFTER_SUBMIT
                        ? "a Globus submit" : "an import read") : "at the bound: the trigger never came";
            }
            default -> {
                Thread.sleep(plan.millis());
                yield plan.millis() + " ms into the workload";
            }
        };
        long killed = System.nanoTime();
        server.kill();
        figures.killed(plan.mode().name().toLowerCase());
        harnessErrors.addAll(work.stopAndJoin());
        progress(cycle, plan, when, String.format("%4.1f s: start %.1f, check %.1f, work %.1f", (System.nanoTime() - t0)
                / 1e9, (started - t0) / 1e9, (checked - started) / 1e9, (killed - checked) / 1e9));
    }

    private void finish(int cycle) throws Exception {
        RegistryProcess server = timedStart(launch);
        try {
            RegistryApi api = api(server);
            checkAfterRestart(api, cycle);
            var took = globusChecks.settle(api, settings.settle());
            System.out.printf("final start: Globus settled in %.1f s%n", took.toMillis() / 1000.0);
            Images images = Images.of(api.listAll());
            names.check(api, images, cycle, true);
            ociChecks.check(api, images, cycle, true);
            store.check(api, images, cycle);
            globusChecks.check(api, Images.of(api.listAll()), book, oci.imageNames(), cycle);
            transfers.pulls().stream().filter(p -> !p.acknowledged()).forEach(p -> figures.add(Count.UNACK_PULLS));
            transfers.pushes().stream().filter(p -> !p.acknowledged()).forEach(p -> figures.add(Count.UNACK_PUSHES));
        } finally {
            server.stop();
        }
    }

    private void checkAfterRestart(RegistryApi api, int cycle) throws IOException, InterruptedException {
        Images images = Images.of(api.listAll());
        names.check(api, images, cycle, false);
        ociChecks.check(api, images, cycle, false);
        store.check(api, images, cycle);
    }

    private boolean awaitRequest(String route, long base) throws InterruptedException {
        return await(() -> globus.requests(route) > base);
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + KillPlan.TRIGGER_BOUND_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    private RegistryProcess timedStart(RegistryProcess.Launch l) throws IOException {
        long t0 = System.nanoTime();
        RegistryProcess p;
        try {
            p = RegistryProcess.launch(l);
            current = p;
            p.awaitListening();
        } catch (IOException e) {
            throw new IOException("the registry did not come back after a kill: " + e.getMessage()
                    + "\n---- end of " + l.consoleLog() + " ----\n" + tail(l.consoleLog(), 40), e);
        }
        figures.started((System.nanoTime() - t0) / 1_000_000L);
        return p;
    }

    private RegistryApi api(RegistryProcess p) throws IOException {
        return RegistryApi.bearer(http, p.awaitListening(), token);
    }

    private void progress(int cycle, KillPlan plan, String when, String timing) {
        System.out.printf("cycle %3d/%d  %-13s killed %-42s (%s)  acked %d up, %d repl, %d del, %d pulls,"
                        + " %d pushes, %d oci pushes, %d oci del; failures so far %d%n", cycle, settings.kills(),
                plan.mode().name().toLowerCase(), when, timing,
                figures.get(Count.ACK_UPLOADS), figures.get(Count.ACK_REPLACES), figures.get(Count.ACK_DELETES),
                figures.get(Count.ACK_PULLS), figures.get(Count.ACK_PUSHES), figures.get(Count.ACK_OCI_PUSHES),
                figures.get(Count.ACK_OCI_DELETES), figures.failures());
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
