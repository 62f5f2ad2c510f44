package dev.pidgr.gateway.send;

import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceCommand;
import java.util.List;

/**
 * What delivering one push request came to: a receipt per attempt, and a DeactivateDevice command per token a
 * provider refused as unregistered. The Kafka shell writes them in one transaction with the push's offset.
 */
public record Finished(List<DeliveryReceipt> receipts, List<DeviceCommand> deviceCommands) {

    public Finished {
        receipts = List.copyOf(receipts);
        deviceCommands = List.copyOf(deviceCommands);
    }
}
