package org.sregistry.globus.endpoints;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the Globus calls one page needs at the same time (both endpoint scopes, the connection check), so the page
 * costs one round trip instead of three. Daemon threads that end after a few idle seconds: nothing lingers after
 * the plugin is disabled (a parked thread would pin the plugin's class loader). The common fork-join pool is not
 * used: on two cores it runs one task at a time.
 */
public final class FetchPool implements Executor {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ThreadPoolExecutor pool;

    /** A pool of at most {@code maxThreads}; callers run the work themselves beyond that. */
    public FetchPool(int maxThreads) {
        pool = new ThreadPoolExecutor(0, maxThreads, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "globus-fetch-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    /** Starts {@code work} in the pool. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, this);
    }

    /** Waits for a result, rethrowing the work's own unchecked exception (e.g. a GlobusApiException). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Globus", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
