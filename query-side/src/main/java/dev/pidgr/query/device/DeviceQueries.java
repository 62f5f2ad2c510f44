package dev.pidgr.query.device;

import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.Platform;
import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Device reads through the fixed views schema, scoped by organization and user in SQL. */
public final class DeviceQueries {

    private final DataSource dataSource;
    private final String devices;
    private final String version;

    public DeviceQueries(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.devices = Sql.in(schema, """
            SELECT * FROM {s}.devices WHERE organization_id = ? AND user_id = ?
            ORDER BY registered_version, device_id\
            """);
        this.version = Sql.in(schema,
                "SELECT version FROM {s}.user_contacts WHERE organization_id = ? AND user_id = ?");
    }

    public List<DeviceSummary> devices(String organizationId, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(devices)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(userId));
            List<DeviceSummary> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(DeviceSummary.newBuilder()
                            .setDeviceId(r.getString("device_id"))
                            .setUserId(r.getString("user_id"))
                            .setPlatform(Platform.forNumber(r.getInt("platform")) == null
                                    ? Platform.PLATFORM_UNSPECIFIED : Platform.forNumber(r.getInt("platform")))
                            .setActive(r.getBoolean("active"))
                            .setLastSeen(Sql.timestamp(Sql.instant(r, "last_seen")))
                            .setCreatedAt(Sql.timestamp(Sql.instant(r, "created_at")))
                            .build());
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }

    /** The recipient's projected aggregate version, 0 when none. */
    public long version(String organizationId, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(version)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(userId));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }
}
