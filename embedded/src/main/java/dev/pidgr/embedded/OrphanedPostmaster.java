package dev.pidgr.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after a JVM that died without stopping its PostgreSQL (kill -9, power loss).
 *
 * <p>The server is a separate process: when its JVM is killed it keeps running, holding the port
 * and the data directory. The owning JVM holds an OS lock on {@code epg-lock} in the data
 * directory (zonky takes it); the OS drops that lock when the process dies. So if we can take the
 * lock, nobody owns the directory, and a live postmaster named in {@code postmaster.pid} is an
 * orphan: it is asked to shut down (SIGTERM), and killed with its backends if it does not. A pid
 * file naming a dead process, or a process that is not PostgreSQL (the pid was reused after a
 * reboot), is removed; PostgreSQL itself then replays its WAL and discards stale shared memory.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final long GRACE_SECONDS = 20;

    private OrphanedPostmaster() {
    }

    static void stopIfAny(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(
                        dataDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalStateException(
                        "PostgreSQL data directory " + dataDir + " is in use by another running process");
            }
            Optional<ProcessHandle> postmaster =
                    pidIn(pidFile).flatMap(ProcessHandle::of).filter(OrphanedPostmaster::isPostgres);
            if (postmaster.isPresent()) {
                stop(postmaster.get(), dataDir);
            } else {
                LOG.info("Removing stale {} (its process is gone)", pidFile);
                Files.deleteIfExists(pidFile);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM runs a server on the directory
        }
    }

    private static Optional<Long> pidIn(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.isAlive() && process.info().command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
    }

    private static void stop(ProcessHandle postmaster, Path dataDir) {
        LOG.warn("Stopping PostgreSQL (pid {}) left running on {} by a process that died", postmaster.pid(), dataDir);
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroy();
        if (!waitFor(postmaster)) {
            LOG.warn("PostgreSQL (pid {}) ignored SIGTERM for {} s; killing it", postmaster.pid(), GRACE_SECONDS);
            postmaster.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            waitFor(postmaster);
        }
        // Backends exit by themselves once their postmaster is gone; shared memory is freed only then.
        backends.forEach(OrphanedPostmaster::waitFor);
    }

    private static boolean waitFor(ProcessHandle process) {
        try {
            process.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (Exception e) {
            return false;
        }
    }
}
