package dev.pidgr.app.dev;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One dev server per data folder. An OS file lock, so a server killed with SIGKILL leaves nothing
 * stale behind: the kernel releases the lock with the process.
 */
public final class DevLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DevLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DevLock acquire(Path dataDir) throws IOException {
        Path file = dataDir.resolve("dev.lock");
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new IllegalStateException("a dev server is already running with data folder " + dataDir
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first or pass another --data-dir");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(
                String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new DevLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
