package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} of every command and subcommand: exit 0 and its usage, whatever options the command declares. */
class CommandHelpTest {

    @ParameterizedTest(name = "pidgr {0} --help")
    @MethodSource("everyCommand")
    void shouldPrintUsageAndExitZero(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");

        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).startsWith("Usage: pidgr" + (command.isEmpty() ? "" : " " + command));
        assertThat(run.err()).as(run.toString()).isEmpty();
    }

    /** Every command's path below {@code pidgr}, found by walking picocli's tree (so a new command is covered too). */
    static Stream<String> everyCommand() {
        List<String> paths = new ArrayList<>();
        walk(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), "", paths);
        return paths.stream();
    }

    private static void walk(CommandLine command, String path, List<String> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases name the same command again
                walk(sub, path.isEmpty() ? name : path + " " + name, paths);
            }
        });
    }
}
