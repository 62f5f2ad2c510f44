package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.query.sql.Schemas;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationTest {

    private HikariDataSource db;

    @BeforeEach
    void setUp() {
        db = Db.fresh();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shouldMigrateOnceWhenFlywayRunsInSeveralThreadsAtOnce() throws Exception {
        Schemas schemas = new Schemas(db, "pidgr");

        List<Integer> ran = all(6, () -> schemas.migrateData("pidgr_p7"));

        long migrations = Tables.count(db, "SELECT count(*) FROM pidgr_p7.flyway_schema_history WHERE success AND version IS NOT NULL AND version <> '0'");
        assertThat(migrations).isEqualTo(2);
        assertThat(ran.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(ran).filteredOn(n -> n > 0).hasSize(1);
    }

    @Test
    void shouldBootstrapOneActiveSchemaWhenSeveralProcessesStartAtOnce() throws Exception {
        List<String> active = all(6, () -> QuerySide.migrate(db, new Schemas(db, "pidgr")));

        assertThat(active).containsOnly("pidgr_p1");
        assertThat(Tables.count(db, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pidgr_p%'")).isEqualTo(1);
        assertThat(Tables.count(db, "SELECT count(*) FROM pg_views WHERE schemaname = 'pidgr'"))
                .isEqualTo(Schemas.VIEWED_TABLES.size());
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr.campaigns")).isZero();
    }

    private static <T> List<T> all(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
