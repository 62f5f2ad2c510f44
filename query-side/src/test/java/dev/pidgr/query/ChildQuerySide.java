package dev.pidgr.query;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A query role in its own JVM, for tests that need another process: a replay coordinating with it
 * through PostgreSQL only, or a SIGKILL in the middle of a batch. Runs until its stdin closes.
 * Arguments: jdbc url, user, password, bootstrap servers, topic namespace, max batch records.
 */
public final class ChildQuerySide {

    private ChildQuerySide() {
    }

    public static void main(String[] args) throws Exception {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", args[3]);
        QuerySettings settings = QuerySettings.defaults(
                        "child-process-key-32-bytes-long!!".getBytes(StandardCharsets.UTF_8))
                .withMaxBatchRecords(Integer.parseInt(args[5]));
        try (HikariDataSource db = QueryDataSources.pool(args[0], args[1], args[2], 6, "child");
             QuerySide side = new QuerySide(db, kafka, Topics.withNamespace(args[4]), settings)) {
            side.start();
            System.out.println("STARTED");
            System.out.flush();
            while (System.in.read() != -1) {
                // keep running until the parent closes our stdin
            }
        }
    }
}
