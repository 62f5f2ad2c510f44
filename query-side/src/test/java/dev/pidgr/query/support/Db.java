package dev.pidgr.query.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.query.QueryDataSources;

/** A pooled DataSource on a fresh database of the shared test PostgreSQL. */
public final class Db {

    private Db() {
    }

    public static HikariDataSource fresh() {
        String database = SharedTestInfra.newDatabase();
        var postgres = SharedTestInfra.postgres();
        return QueryDataSources.pool(postgres.jdbcUrl(database), postgres.user(), postgres.password(), 10, database);
    }
}
