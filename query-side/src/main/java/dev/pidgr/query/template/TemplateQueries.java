package dev.pidgr.query.template;

import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.query.Page;
import dev.pidgr.query.PageRequest;
import dev.pidgr.query.PageTokens;
import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.sql.PagedQuery;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Template reads through the fixed views schema, scoped by organization in SQL. */
public final class TemplateQueries {

    private static final String PAGE = """
        SELECT t.total, p.* FROM (SELECT count(*) AS total FROM {s}.templates WHERE organization_id = ? %1$s) t
        LEFT JOIN LATERAL (SELECT v.* FROM {s}.templates h
            JOIN {s}.template_versions v ON v.template_id = h.id AND v.version = h.version
            WHERE h.organization_id = ? %2$s AND (h.created_at, h.id) < (coalesce(?::timestamptz, 'infinity'), ?)
            ORDER BY h.created_at DESC, h.id DESC LIMIT ?) p ON true\
        """;

    private final DataSource dataSource;
    private final PageTokens tokens;
    private final String latest;
    private final String exact;
    private final String page;
    private final String pageOfType;
    private final String version;

    public TemplateQueries(DataSource dataSource, PageTokens tokens, String schema) {
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.latest = Sql.in(schema, """
            SELECT v.* FROM {s}.templates h
            JOIN {s}.template_versions v ON v.template_id = h.id AND v.version = h.version
            WHERE h.organization_id = ? AND h.id = ?\
            """);
        this.exact = Sql.in(schema,
                "SELECT * FROM {s}.template_versions WHERE organization_id = ? AND template_id = ? AND version = ?");
        this.page = Sql.in(schema, PAGE.formatted("", ""));
        this.pageOfType = Sql.in(schema, PAGE.formatted("AND type = ?", "AND h.type = ?"));
        this.version = Sql.in(schema, "SELECT version FROM {s}.templates WHERE id = ?");
    }

    public Optional<Template> template(String organizationId, String templateId, int version) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(version == 0 ? latest : exact)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(templateId));
            if (version != 0) {
                s.setInt(3, version);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(TemplateProjection.read(r).toProto()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }

    public Page<Template> templates(String organizationId, TemplateType typeFilter, PageRequest request) {
        String org = Sql.text(organizationId);
        boolean filtered = typeFilter != null && typeFilter != TemplateType.TEMPLATE_TYPE_UNSPECIFIED;
        String filter = String.valueOf(filtered ? typeFilter.getNumber() : 0);
        PageTokens.Cursor after = request.pageToken().isEmpty() ? null
                : tokens.decode(request.pageToken(), "templates", org, filter);
        int size = request.effectiveSize();
        PagedQuery.Result<Template> result = PagedQuery.run(dataSource, filtered ? pageOfType : page, s -> {
            int i = 1;
            for (int part = 0; part < 2; part++) {
                s.setString(i++, org);
                if (filtered) {
                    s.setInt(i++, typeFilter.getNumber());
                }
            }
            s.setObject(i++, after == null ? null : Sql.offsetDateTime(instant(after.micros())));
            s.setString(i++, after == null ? "" : after.id());
            s.setInt(i, size + 1);
        }, r -> TemplateProjection.read(r).toProto(), size, "template_id");
        String next = "";
        if (result.more()) {
            Template last = result.items().getLast();
            long micros = last.getCreatedAt().getSeconds() * 1_000_000L + last.getCreatedAt().getNanos() / 1_000;
            next = tokens.encode(new PageTokens.Cursor("templates", org, filter, micros, last.getId()));
        }
        return new Page<>(result.items(), next, result.total());
    }

    /** The latest projected version of the template, 0 when unknown. */
    public long version(String templateId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(version)) {
            s.setString(1, Sql.text(templateId));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
