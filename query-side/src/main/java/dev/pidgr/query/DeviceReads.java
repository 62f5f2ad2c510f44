package dev.pidgr.query;

import dev.pidgr.api.v1.DeviceSummary;
import java.util.List;

/** Reads of the device projection: one recipient's own devices. Scoped to (organization, user) in SQL. */
public interface DeviceReads {

    /** The recipient's devices, active or not, oldest first (by first registration). */
    List<DeviceSummary> devices(String organizationId, String userId);
}
