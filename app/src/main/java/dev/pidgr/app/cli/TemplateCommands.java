package dev.pidgr.app.cli;

import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.ListTemplatesRequest;
import dev.pidgr.api.v1.ListTemplatesResponse;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.UpdateTemplateRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pidgr template create|update|get|list}. */
@Command(
        name = "template",
        mixinStandardHelpOptions = true,
        description = "Create, update, read and list templates.",
        subcommands = {
            TemplateCommands.Create.class,
            TemplateCommands.Update.class,
            TemplateCommands.Get.class,
            TemplateCommands.ListAll.class
        })
public final class TemplateCommands {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a template from a YAML or JSON file (CreateTemplateRequest).")
    static final class Create implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = {"-f", "--file"}, required = true, description = "The request file.") Path file;

        @Option(
                names = "--idempotency-key",
                description = "Retry-safe key: the same key and request give the same template.")
        String key;

        @Override
        public Integer call() throws Exception {
            CreateTemplateRequest request = RequestFiles.read(file, CreateTemplateRequest.newBuilder()).build();
            try (Client c = client.connect()) {
                show(client.output(), c.templates(key).createTemplate(request).getTemplate());
            }
            return 0;
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Make a new version from a file with body and variables (UpdateTemplateRequest).")
    static final class Update implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Template id.") String id;
        @Option(names = {"-f", "--file"}, required = true, description = "The request file.") Path file;

        @Option(names = "--expected-version", description = "Refuse (ABORTED) unless the latest version is this one.")
        Long expectedVersion;

        @Option(names = "--idempotency-key", description = "Retry-safe key.") String key;

        @Override
        public Integer call() throws Exception {
            UpdateTemplateRequest.Builder request =
                    RequestFiles.read(file, UpdateTemplateRequest.newBuilder()).setTemplateId(id);
            if (expectedVersion != null) {
                request.setExpectedVersion(expectedVersion);
            }
            try (Client c = client.connect()) {
                show(client.output(), c.templates(key).updateTemplate(request.build()).getTemplate());
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one template version.")
    static final class Get implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Template id.") String id;
        // Not --version: every command's --version prints pidgr's version (picocli's standard option).
        @Option(
                names = "--template-version",
                defaultValue = "0",
                description = "The template version to show (GetTemplateRequest.version; default 0: the latest).")
        int version;

        @Override
        public Integer call() throws Exception {
            try (Client c = client.connect()) {
                show(client.output(), c.templates(null).getTemplate(
                        GetTemplateRequest.newBuilder().setTemplateId(id).setVersion(version).build()).getTemplate());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List templates, newest first.")
    static final class ListAll implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = "--page-size", defaultValue = "20", description = "Page size (max 100).") int pageSize;
        @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.") String pageToken;
        @Option(names = "--type", description = "Only this type: MARKDOWN, RICH, HTML.") String type;

        @Override
        public Integer call() throws Exception {
            ListTemplatesRequest.Builder request = ListTemplatesRequest.newBuilder()
                    .setPagination(Pagination.newBuilder().setPageSize(pageSize).setPageToken(pageToken));
            if (type != null) {
                request.setType(TemplateType.valueOf("TEMPLATE_TYPE_" + type.toUpperCase(java.util.Locale.ROOT)));
            }
            try (Client c = client.connect()) {
                ListTemplatesResponse response = c.templates(null).listTemplates(request.build());
                Output out = client.output();
                if (out.json()) {
                    out.json(response);
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                for (Template t : response.getTemplatesList()) {
                    rows.add(List.of(t.getId(), t.getName(), Output.shortName(t.getType(), "TEMPLATE_TYPE_"),
                            String.valueOf(t.getVersion()), Output.time(t.getUpdatedAt())));
                }
                out.table(List.of("ID", "NAME", "TYPE", "VERSION", "UPDATED"), rows);
                Pages.footer(out, response.getPagination());
            }
            return 0;
        }
    }

    static void show(Output out, Template t) {
        if (out.json()) {
            out.json(t);
            return;
        }
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", t.getId()});
        fields.add(new String[] {"name", t.getName()});
        fields.add(new String[] {"version", String.valueOf(t.getVersion())});
        fields.add(new String[] {"type", Output.shortName(t.getType(), "TEMPLATE_TYPE_")});
        fields.add(new String[] {"title", t.getTitle()});
        for (TemplateVariable v : t.getVariablesList()) {
            fields.add(new String[] {"variable " + v.getName(), (v.getRequired() ? "required" : "optional")
                    + (v.getDefaultValue().isEmpty() ? "" : ", default \"" + v.getDefaultValue() + "\"")});
        }
        fields.add(new String[] {"updated", Output.time(t.getUpdatedAt())});
        out.fields(fields);
        out.line("");
        out.line(t.getBody());
    }
}
