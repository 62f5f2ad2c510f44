package dev.pidgr.query.sql;

import dev.pidgr.query.ReadFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs a page query shaped {@code SELECT t.total, p.* FROM (count) t LEFT JOIN LATERAL (page
 * LIMIT size + 1) p ON true}: the exact total and the page come from one statement, so from one
 * snapshot, in one round trip. The extra row only tells whether another page follows.
 */
public final class PagedQuery {

    /** Binds the statement's parameters. */
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps one page row. */
    public interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The items of the page, whether more follow, and the exact total. */
    public record Result<T>(List<T> items, boolean more, int total) {
    }

    private PagedQuery() {
    }

    /** {@code presentColumn}: a page column that is never null in a real row (an empty page gives one row of nulls). */
    public static <T> Result<T> run(DataSource dataSource, String sql, Binder binder, Mapper<T> mapper, int size,
                                    String presentColumn) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<T> items = new ArrayList<>(size + 1);
            int total = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    total = r.getInt("total");
                    if (r.getObject(presentColumn) != null) {
                        items.add(mapper.map(r));
                    }
                }
            }
            boolean more = items.size() > size;
            return new Result<>(more ? items.subList(0, size) : items, more, total);
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }
}
