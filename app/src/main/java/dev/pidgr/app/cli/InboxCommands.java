package dev.pidgr.app.cli;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.MarkReadRequest;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.SyncResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pidgr inbox sync|show|read|ack}: the recipient's side, for trying campaigns out. Uses the
 * caller's token; in dev, {@code --as USER} mints a recipient token for that user.
 */
@Command(
        name = "inbox",
        mixinStandardHelpOptions = true,
        description = "A recipient's inbox: sync, show, mark read, acknowledge.",
        subcommands = {
            InboxCommands.Sync.class,
            InboxCommands.Show.class,
            InboxCommands.Read.class,
            InboxCommands.Ack.class
        })
public final class InboxCommands {

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = "List entries changed since a time (default: all).")
    static final class Sync implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Option(names = "--since", description = "ISO-8601 instant; entries changed after it.") Instant since;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (max 200).") int limit;

        @Override
        public Integer call() throws Exception {
            SyncRequest.Builder request = SyncRequest.newBuilder().setLimit(limit);
            if (since != null) {
                request.setSince(Timestamp.newBuilder().setSeconds(since.getEpochSecond()).setNanos(since.getNano()));
            }
            try (Client c = recipient.connect()) {
                SyncResponse response = c.inbox().sync(request.build());
                Output out = recipient.output();
                if (out.json()) {
                    out.json(response);
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                for (InboxEntry e : response.getEntriesList()) {
                    rows.add(List.of(
                            e.getDeliveryId(),
                            Output.shortName(e.getStatus(), "DELIVERY_STATUS_"),
                            e.getRead() ? "yes" : "no",
                            Output.time(e.getReceivedAt()),
                            e.getMessage().getTitle()));
                }
                out.table(List.of("DELIVERY", "STATUS", "READ", "RECEIVED", "TITLE"), rows);
                Timestamp next = response.getNextSince();
                out.line("next --since " + (next.getSeconds() == 0 && next.getNanos() == 0 ? "(unset)"
                        : Instant.ofEpochSecond(next.getSeconds(), next.getNanos())));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one message.")
    static final class Show implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Parameters(index = "0", description = "Delivery id.") String deliveryId;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                InboxEntry e = c.inbox()
                        .getMessage(GetMessageRequest.newBuilder()
                                .setDeliveryId(deliveryId)
                                .build())
                        .getEntry();
                Output out = recipient.output();
                if (out.json()) {
                    out.json(e);
                    return 0;
                }
                out.fields(List.of(
                        new String[] {"from", e.getMessage().getSenderName()},
                        new String[] {"title", e.getMessage().getTitle()},
                        new String[] {"status", Output.shortName(e.getStatus(), "DELIVERY_STATUS_")},
                        new String[] {
                            "actions",
                            String.join(
                                    ", ",
                                    e.getMessage().getActionsList().stream()
                                            .map(a -> a.getId() + " (" + a.getLabel() + ")")
                                            .toList())
                        }));
                out.line("");
                out.line(e.getMessage().getBody());
            }
            return 0;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Mark a message read.")
    static final class Read implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Parameters(index = "0", description = "Delivery id.") String deliveryId;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                c.inbox().markRead(MarkReadRequest.newBuilder().setDeliveryId(deliveryId).build());
                recipient.output().line("read " + deliveryId);
            }
            return 0;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge a message (its \"ack\" action).")
    static final class Ack implements Callable<Integer> {
        @Mixin RecipientOptions recipient;
        @Parameters(index = "0", description = "Delivery id.") String deliveryId;

        @Option(names = "--action", defaultValue = "ack", description = "The action id (default: ${DEFAULT-VALUE}).")
        String action;

        @Override
        public Integer call() throws Exception {
            try (Client c = recipient.connect()) {
                c.actions()
                        .submitAction(SubmitActionRequest.newBuilder()
                                .setDeliveryId(deliveryId)
                                .setActionId(action)
                                .build());
                recipient.output().line("acknowledged " + deliveryId);
            }
            return 0;
        }
    }
}
