package dev.pidgr.app;

import dev.pidgr.app.cli.CampaignCommands;
import dev.pidgr.app.cli.DeliveryCommands;
import dev.pidgr.app.cli.Errors;
import dev.pidgr.app.cli.InboxCommands;
import dev.pidgr.app.cli.TemplateCommands;
import dev.pidgr.app.dev.DevCommand;
import io.grpc.StatusRuntimeException;
import dev.pidgr.app.ops.EventsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The pidgr executable. */
@Command(name = "pidgr", mixinStandardHelpOptions = true, version = "pidgr 0.1.0",
        description = "An event-sourced campaign engine on Kafka: the pidgr.v1 CampaignService.",
        subcommands = {DevCommand.class, dev.pidgr.app.serve.ServeCommand.class, TokenCommand.class, CampaignCommands.class, TemplateCommands.class,
            DeliveryCommands.class, InboxCommands.class, EventsCommand.class})
public final class Main {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e instanceof StatusRuntimeException status ? Errors.describe(status) : e.getMessage();
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
