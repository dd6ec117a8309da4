package org.sregistry.registry.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(120)
class FileSenderTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void aRegionOfSeveralMappingsPastFourGibibytesIsSentInDirectBuffersAndArrivesWhole() throws Exception {
        // sparse: 5 GiB of zeros with marker bytes in the region, at its ends and the mapping borders
        long size = 5L << 30;
        long first = (4L << 30) + 3;
        long length = 40 * MIB + 5;
        Map<Long, Byte> markers = new TreeMap<>(Map.of(first - 1, (byte) 9, first, (byte) 1, first + 16 * MIB - 1, (byte) 2,
                first + 16 * MIB, (byte) 3, first + length - 1, (byte) 4, first + length, (byte) 9));
        Path file = dir.resolve("big");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Map.Entry<Long, Byte> m : markers.entrySet()) {
                out.write(ByteBuffer.wrap(new byte[] {m.getValue()}), m.getKey());
            }
            out.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
        Markers stream = new Markers(markers, first);
        FileSender.send(response(stream), file, first, length);
        assertThat(stream.position).isEqualTo(first + length);
        assertThat(stream.seen).as("the markers inside the region, at their places").isEqualTo(4);
        assertThat(stream.arrayWrites).as("no byte[] copies").isZero();
        assertThat(stream.bufferWrites).as("16 + 16 + 8 MiB + 5").isEqualTo(3);
        assertThat(stream.largestBuffer).isEqualTo(16 * MIB);
        assertThat(stream.allDirect).isTrue();
    }

    @Test
    void aRangeOfAFileIsSentExactly() throws Exception {
        byte[] bytes = random(3 * MIB + 11);
        Path file = Files.write(dir.resolve("f"), bytes);
        TakingBuffers large = new TakingBuffers();
        FileSender.send(response(large), file, 100_001, 2 * MIB + 7);
        assertThat(large.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 100_001, (int) (100_001 + 2 * MIB + 7)));
        assertThat(large.bufferWrites).as("mapped").isPositive();
        assertThat(large.arrayWrites).isZero();

        TakingBuffers small = new TakingBuffers();
        FileSender.send(response(small), file, 5, 1000);
        assertThat(small.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 5, 1005));
        assertThat(small.bufferWrites).as("a small region is copied, not mapped").isZero();
    }

    @Test
    void aStreamWithTheApisDefaultBufferWriteGetsCopies() throws Exception {
        byte[] bytes = random(3 * MIB);
        Path file = Files.write(dir.resolve("f"), bytes);
        Collecting plain = new Collecting();
        FileSender.send(response(plain), file, 0, bytes.length);
        assertThat(plain.bytes.toByteArray()).isEqualTo(bytes);
        assertThat(plain.largestArrayWrite).as("never the whole region in one array").isEqualTo(256 * 1024);
    }

    @Test
    void aRegionPastTheEndSendsNothing() throws Exception {
        Path file = Files.write(dir.resolve("f"), random(1000));
        Collecting out = new Collecting();
        assertThatThrownBy(() -> FileSender.send(response(out), file, 10, 991)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> FileSender.send(response(out), file, 1001, 0)).isInstanceOf(EOFException.class);
        FileSender.send(response(out), file, 1000, 0);
        assertThat(out.bytes.size()).isZero();
    }

    private static byte[] random(long n) {
        byte[] bytes = new byte[(int) n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /** A response whose only working method is getOutputStream. */
    private static HttpServletResponse response(ServletOutputStream out) {
        return (HttpServletResponse) Proxy.newProxyInstance(FileSenderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOutputStream")) {
                        return out;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private abstract static class TestStream extends ServletOutputStream {
        int arrayWrites;
        int largestArrayWrite;

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrayWrites++;
            largestArrayWrite = Math.max(largestArrayWrite, len);
            arrayWritten(b, off, len);
        }

        abstract void arrayWritten(byte[] b, int off, int len);
    }

    /** Keeps everything; keeps the API's default write(ByteBuffer). */
    private static class Collecting extends TestStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        void arrayWritten(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }
    }

    /** Keeps everything; takes buffers as they are, like Jetty's. */
    private static final class TakingBuffers extends Collecting {
        int bufferWrites;

        @Override
        public void write(ByteBuffer buffer) {
            bufferWrites++;
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            bytes.write(copy, 0, copy.length);
        }
    }

    /** Takes buffers as they are and checks only the marker bytes (a gigabyte is not kept). */
    private static final class Markers extends TestStream {
        private final Map<Long, Byte> markers;
        long position;
        int seen;
        int bufferWrites;
        long largestBuffer;
        boolean allDirect = true;

        Markers(Map<Long, Byte> markers, long first) {
            this.markers = markers;
            this.position = first;
        }

        @Override
        public void write(ByteBuffer buffer) {
            bufferWrites++;
            int n = buffer.remaining();
            for (Map.Entry<Long, Byte> m : markers.entrySet()) {
                long at = m.getKey() - position;
                if (at >= 0 && at < n) {
                    assertThat(buffer.get(buffer.position() + (int) at)).as("byte %d", m.getKey()).isEqualTo(m.getValue());
                    seen++;
                }
            }
            largestBuffer = Math.max(largestBuffer, n);
            allDirect &= buffer.isDirect();
            position += n;
            buffer.position(buffer.limit());
        }

        @Override
        void arrayWritten(byte[] b, int off, int len) {
            position += len;
        }
    }
}
