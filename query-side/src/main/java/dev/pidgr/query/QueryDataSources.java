package dev.pidgr.query;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** The connection pool the query side is meant to run on. */
public final class QueryDataSources {

    private QueryDataSources() {
    }

    /**
     * A HikariCP pool. Size it for the readers plus four: three projector connections (one each,
     * borrowed per batch), the coordinator's lock connection, and one for a {@link ProjectionWaiter}.
     * Borrowing fails after 4.5 s when PostgreSQL is unreachable, so reads answer UNAVAILABLE within
     * docs/api.md's 5 s rather than hang; a statement on a connection that went dead fails after 60 s.
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maxSize, String name) {
        return pool(jdbcUrl, user, password, maxSize, name, null);
    }

    /**
     * As above, with the pool's own meters in {@code metrics} (HikariCP's {@code hikaricp_connections_*}
     * by {@code pool}: active, idle, pending, timeouts, acquire time), or none when null.
     */
    public static HikariDataSource pool(
            String jdbcUrl, String user, String password, int maxSize, String name, MeterRegistry metrics) {
        HikariConfig config = config(jdbcUrl, user, password, maxSize, name);
        config.setMetricRegistry(metrics);
        return new HikariDataSource(config);
    }

    /**
     * A pool for the api's reads alone: like {@link #pool}, and PostgreSQL cancels any statement that
     * runs longer than {@code statementTimeout} (the longest deadline a read may have), so no read
     * holds a connection or a thread past the call it serves. Projectors never use it: their batches
     * may legitimately take longer.
     */
    public static HikariDataSource readPool(String jdbcUrl, String user, String password, int maxSize, String name,
                                            Duration statementTimeout, MeterRegistry metrics) {
        HikariConfig config = config(jdbcUrl, user, password, maxSize, name);
        config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        config.setMetricRegistry(metrics);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(String jdbcUrl, String user, String password, int maxSize, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxSize);
        config.setPoolName(name);
        config.setConnectionTimeout(4_500);
        config.setValidationTimeout(2_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // A statement on a dead connection must fail rather than hang a projector or a reader forever.
        config.addDataSourceProperty("socketTimeout", "60");
        return config;
    }
}
