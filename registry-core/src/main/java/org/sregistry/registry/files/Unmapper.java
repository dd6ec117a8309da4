package org.sregistry.registry.files;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Releases a file mapping at once instead of whenever the garbage collector gets to its buffer.
 * Java has no public unmap; {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, there
 * for this use, as Lucene's MMapDirectory uses it) is the one way. Left to the collector, the
 * mappings of a busy download server pile up: a heap that hardly grows is seldom collected, and
 * every mapped page counts in the process's resident size (which the kernel's OOM killer reads).
 *
 * <p>A buffer must not be touched once unmapped: the JVM would crash. So only a buffer that no
 * one holds any more may be given here.
 */
final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = find();

    private Unmapper() {
    }

    /** False on a JVM without {@code Unsafe.invokeCleaner}. */
    static boolean available() {
        return INVOKE_CLEANER != null;
    }

    /** Unmaps {@code mapping} (a buffer from {@code FileChannel.map}, not a slice of one). */
    static void unmap(MappedByteBuffer mapping) {
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) mapping);
        } catch (Throwable e) {
            // cannot happen for a mapping; if it did, the collector would still release it
        }
    }

    private static MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
