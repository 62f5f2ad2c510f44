package dev.pidgr.app.ops;

import picocli.CommandLine.Command;

/** {@code pidgr events ...}: tools for people exploring the event topics. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Explore the event topics.",
        subcommands = {EventsTailCommand.class})
public final class EventsCommand {
}
