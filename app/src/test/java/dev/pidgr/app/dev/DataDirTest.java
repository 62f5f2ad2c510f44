package dev.pidgr.app.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The dev data folder holds every message (Kafka segments) and the secrets: only its owner may read it. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DataDirTest {

    @TempDir
    Path dir;

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void shouldCreateTheDataFolderForItsOwnerOnly() throws Exception {
        Path root = dir.resolve("data");

        new DataDir(root);

        assertThat(permissions(root)).isEqualTo("rwx------");
    }

    @Test
    void shouldCloseAnExistingDataFolderThatOthersCanRead() throws Exception {
        Path root = Files.createDirectory(dir.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        new DataDir(root);

        assertThat(permissions(root)).isEqualTo("rwx------");
    }

    @Test
    void shouldKeepSecretsAndTheOrganizationForTheOwnerOnly() throws Exception {
        DataDir data = new DataDir(dir.resolve("data"));

        data.jwtSecret(null);
        data.webhookSecret(null);
        data.pageTokenKey();
        data.devOrganization();

        for (String file : new String[] {"jwt-secret", "webhook-secret", "page-token-key", "dev-organization"}) {
            assertThat(permissions(data.root().resolve(file))).as(file).isEqualTo("rw-------");
        }
        try (var leftovers = Files.list(data.root())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void shouldWriteDevJsonWithItsDatabasePasswordForTheOwnerOnly() throws Exception {
        DataDir data = new DataDir(dir.resolve("data"));

        new DevJson("127.0.0.1:1", "127.0.0.1:2", "jdbc:postgresql://127.0.0.1:3/pidgr", "pidgr", "secret",
                "http://127.0.0.1:4/metrics", "", "127.0.0.1:5", 1).write(data.devJson());

        assertThat(permissions(data.devJson())).isEqualTo("rw-------");
        assertThat(DevJson.read(data.root()).jdbcPassword()).isEqualTo("secret");
    }

    @Test
    void shouldCreateAPrivateFileWithItsPermissionsBeforeAnyByteIsWritten() throws Exception {
        Path file = PrivateFiles.newEmptyFile(dir, "secret");

        assertThat(Files.size(file)).isZero();
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
}
