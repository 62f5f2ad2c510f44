package dev.pidgr.command.kafka;

import dev.pidgr.command.testing.Commands;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.TemplateCommand;

/** Ids and commands shared by the topology tests. */
final class Fixtures {

    static final String TEMPLATE = "5f0c7d8e-9a1b-4c2d-8e3f-4a5b6c7d8e9f";
    static final String CAMPAIGN = "0b6c2a4e-1f0e-4d5c-9a51-2f3c4b5a6d7e";
    static final String OTHER_CAMPAIGN = "1c7d3b5f-2a1f-4e6d-8b62-3a4d5c6b7e8f";

    private Fixtures() {
    }

    static TemplateCommand.Builder greetingTemplate() {
        return Commands.createTemplate(
                TEMPLATE, CreateTemplate.newBuilder().setName("Greeting").setBody("Hello there"));
    }
}
