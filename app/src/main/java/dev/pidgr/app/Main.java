package dev.pidgr.app;

import dev.pidgr.app.cli.CampaignCommands;
import dev.pidgr.app.cli.DeliveryCommands;
import dev.pidgr.app.cli.Errors;
import dev.pidgr.app.cli.DeviceCommands;
import dev.pidgr.app.cli.InboxCommands;
import dev.pidgr.app.cli.TemplateCommands;
import dev.pidgr.app.dev.DevCommand;
import dev.pidgr.app.dev.MailCommand;
import dev.pidgr.app.ops.EventsCommand;
import dev.pidgr.app.ops.LagCommand;
import dev.pidgr.app.ops.ReplayCommand;
import dev.pidgr.app.serve.ServeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The pidgr executable. */
@Command(
        name = "pidgr",
        mixinStandardHelpOptions = true,
        version = "pidgr 0.1.0",
        description = "An event-sourced campaign engine on Kafka: the pidgr.v1 CampaignService.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the command failed (the message says why: a gRPC status with its details, a bad file, ...)",
            "2:invalid usage (unknown option, missing argument)",
            "3:campaign watch: the campaign ended FAILED or CANCELLED"
        },
        subcommands = {
            DevCommand.class,
            MailCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            CampaignCommands.class,
            TemplateCommands.class,
            DeliveryCommands.class,
            InboxCommands.class,
            DeviceCommands.class,
            EventsCommand.class,
            ReplayCommand.class,
            LagCommand.class
        })
public final class Main {

    /** Exit code of a command whose work failed (usage errors are picocli's 2). */
    public static final int FAILED = 1;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /**
     * The command line with its error handling: a failure prints one line, "pidgr <command>: <why>",
     * to {@code err} and exits with {@link #FAILED}. Commands print their results to {@code out}.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + Errors.describe(e));
            commandLine.getErr().flush();
            return FAILED;
        });
        return cli;
    }
}
