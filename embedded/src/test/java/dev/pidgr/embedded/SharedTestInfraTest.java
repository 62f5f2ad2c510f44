package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SharedTestInfraTest {

    @Test
    void shouldReturnTheSameServersFromEveryThread() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Object>> kafkas = threads.invokeAll(List.<Callable<Object>>of(
                    SharedTestInfra::kafka, SharedTestInfra::kafka, SharedTestInfra::kafka));
            List<Future<Object>> postgreses = threads.invokeAll(List.<Callable<Object>>of(
                    SharedTestInfra::postgres, SharedTestInfra::postgres, SharedTestInfra::postgres));

            for (Future<Object> kafka : kafkas) {
                assertThat(kafka.get()).isSameAs(SharedTestInfra.kafka());
            }
            for (Future<Object> postgres : postgreses) {
                assertThat(postgres.get()).isSameAs(SharedTestInfra.postgres());
            }
        }
    }

    @Test
    void shouldHandOutDistinctNamespacesMadeOfTopicSafeCharacters() {
        Set<String> namespaces = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> namespaces.add(SharedTestInfra.newNamespace()));

        assertThat(namespaces).hasSize(1000).allMatch(ns -> ns.matches("[a-z][a-z0-9-]*"));
    }

    @Test
    void shouldCreateDistinctDatabasesThatDoNotSeeEachOther() throws Exception {
        String first = SharedTestInfra.newDatabase();
        String second = SharedTestInfra.newDatabase();
        DataSource one = SharedTestInfra.postgres().dataSource(first);
        DataSource two = SharedTestInfra.postgres().dataSource(second);

        EmbeddedPostgresTest.execute(one, "CREATE TABLE only_in_first (x int)");

        assertThat(first).isNotEqualTo(second);
        assertThat(EmbeddedPostgresTest.queryString(
                        one, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"))
                .isEqualTo("1");
        assertThat(EmbeddedPostgresTest.queryString(
                        two, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"))
                .isEqualTo("0");
    }
}
