package dev.pidgr.app.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The console link {@code pidgr dev} prints. */
class DevCommandTest {

    @Test
    void shouldCarryTheTokenInTheFragmentWhichBrowsersNeverSendToTheServer() {
        URI link = URI.create(DevCommand.consoleLink(9090, "aaa.bbb.ccc"));

        assertThat(link.getPath()).isEqualTo("/console/");
        assertThat(link.getQuery()).isNull();
        assertThat(link.getFragment()).isEqualTo("token=aaa.bbb.ccc");
        assertThat(link.getAuthority()).isEqualTo("127.0.0.1:9090");
    }
}
