package dev.pidgr.query.delivery;

import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.DeliveryStatus;

/** Deliveries per status, plus how many were read. Also used for the change a batch makes to them. */
public record Counts(int pending, int sent, int delivered, int acknowledged, int missed, int noDevice,
                     int failed, int read) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

    /** What one delivery contributes: one in its status, one in read if read; nothing for null. */
    public static Counts of(DeliveryRow row) {
        if (row == null) {
            return ZERO;
        }
        DeliveryStatus s = row.status();
        return new Counts(is(s, DeliveryStatus.DELIVERY_STATUS_PENDING), is(s, DeliveryStatus.DELIVERY_STATUS_SENT),
                is(s, DeliveryStatus.DELIVERY_STATUS_DELIVERED), is(s, DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED),
                is(s, DeliveryStatus.DELIVERY_STATUS_MISSED), is(s, DeliveryStatus.DELIVERY_STATUS_NO_DEVICE),
                is(s, DeliveryStatus.DELIVERY_STATUS_FAILED), row.read() ? 1 : 0);
    }

    private static int is(DeliveryStatus status, DeliveryStatus wanted) {
        return status == wanted ? 1 : 0;
    }

    public Counts plus(Counts o) {
        return new Counts(pending + o.pending, sent + o.sent, delivered + o.delivered, acknowledged + o.acknowledged,
                missed + o.missed, noDevice + o.noDevice, failed + o.failed, read + o.read);
    }

    public Counts minus(Counts o) {
        return new Counts(pending - o.pending, sent - o.sent, delivered - o.delivered, acknowledged - o.acknowledged,
                missed - o.missed, noDevice - o.noDevice, failed - o.failed, read - o.read);
    }

    public DeliveryCounts toProto() {
        return DeliveryCounts.newBuilder().setPending(pending).setSent(sent).setDelivered(delivered)
                .setAcknowledged(acknowledged).setMissed(missed).setNoDevice(noDevice).setFailed(failed)
                .setRead(read).build();
    }
}
