package dev.pidgr.workflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.workflow.webhook.DispatchShares.Admission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the dispatcher's pages and threads are shared between organizations (pure: no threads). */
class DispatchSharesTest {

    @Test
    void shouldRefuseAPageBeyondTheOrganizationsShareOrTheCapacity() {
        DispatchShares<String> shares = new DispatchShares<>(4, 2, 1);

        List<Admission> admissions = new ArrayList<>();
        for (String organization : List.of("a", "a", "a", "b", "b", "c")) {
            admissions.add(shares.accept(organization));
        }

        assertThat(admissions).containsExactly(Admission.ACCEPTED, Admission.ACCEPTED, Admission.ORGANIZATION_FULL,
                Admission.ACCEPTED, Admission.ACCEPTED, Admission.FULL);
        shares.release("a");
        assertThat(shares.admission("a")).isEqualTo(Admission.ACCEPTED);
        assertThat(shares.accept("c")).isEqualTo(Admission.ACCEPTED);
        assertThat(shares.admission("a")).isEqualTo(Admission.FULL);
    }

    @Test
    void shouldServeReadyAttemptsInTurnsBetweenOrganizations() {
        DispatchShares<String> shares = new DispatchShares<>(100, 100, 10);
        List.of("a1", "a2", "a3", "b1", "c1").forEach(job -> shares.ready(job.substring(0, 1), job));

        List<String> order = new ArrayList<>();
        for (String job = shares.next(); job != null; job = shares.next()) {
            order.add(job);
        }

        assertThat(order).containsExactly("a1", "b1", "c1", "a2", "a3");
    }

    @Test
    void shouldRunNoMoreThanAnOrganizationsShareOfThreadsAndServeTheOthersMeanwhile() {
        DispatchShares<String> shares = new DispatchShares<>(100, 100, 2);
        List.of("a1", "a2", "a3", "a4").forEach(job -> shares.ready("a", job));

        assertThat(shares.next()).isEqualTo("a1");
        assertThat(shares.next()).isEqualTo("a2");
        assertThat(shares.next()).isNull();
        shares.ready("b", "b1");
        assertThat(shares.next()).isEqualTo("b1");
        shares.ended("a");
        assertThat(shares.next()).isEqualTo("a3");
        assertThat(shares.next()).isNull();
    }

    @Test
    void shouldStopHandingOutAttemptsOnceClosed() throws InterruptedException {
        DispatchShares<String> shares = new DispatchShares<>(1, 1, 1);
        shares.close();

        assertThat(shares.take()).isNull();
    }
}
