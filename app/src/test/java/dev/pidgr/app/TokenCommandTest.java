package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.auth.JwksTokenVerifier;
import dev.pidgr.api.auth.Permission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pidgr token} mints tokens that a serve process accepts, with its secret file, issuer and audience. */
class TokenCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldMintATokenThatAnApiWithJwksAndHs256Accepts() throws Exception {
        Path secret = Files.writeString(dir.resolve("jwt-secret"), "a-serve-secret-that-is-long-enough-for-hs256\n");
        Path jwks = Files.writeString(
                dir.resolve("jwks.json"),
                new JWKSet(new RSAKeyGenerator(2048).keyID("k1").generate())
                        .toPublicJWKSet()
                        .toString(),
                StandardCharsets.UTF_8);
        JwksTokenVerifier api = JwksTokenVerifier.builder().jwksFile(jwks).issuer("https://issuer").audience("pidgr")
                .allowHs256("a-serve-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8)).build();

        Cli.Run run = Cli.run(
                "token",
                "--sub",
                "ops",
                "--org",
                "org-7",
                "--perm",
                "VIEW_CAMPAIGNS",
                "--jwt-hs256-secret-file",
                secret.toString(),
                "--jwt-issuer",
                "https://issuer",
                "--jwt-audience",
                "pidgr",
                "--data-dir",
                dir.resolve("unused").toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        Caller caller = api.verify(run.out().strip());
        assertThat(caller.userId()).isEqualTo("ops");
        assertThat(caller.organizationId()).isEqualTo("org-7");
        assertThat(caller.permissions()).containsExactly(Permission.VIEW_CAMPAIGNS);
        assertThat(dir.resolve("unused")).as("no data folder is needed with a secret file and --org").doesNotExist();
    }
}
