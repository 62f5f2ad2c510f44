package dev.pidgr.command.catalog;

import dev.pidgr.api.v1.TemplateVariable;
import java.util.List;

/** What a campaign needs to know about one template version: its number and its variables. */
public record TemplateVersion(String templateId, int version, List<TemplateVariable> variables) {

    public TemplateVersion {
        variables = List.copyOf(variables);
    }

    /** Variables a campaign must supply for every member: required and without a default value. */
    public List<String> requiredWithoutDefault() {
        return variables.stream()
                .filter(v -> v.getRequired() && v.getDefaultValue().isEmpty())
                .map(TemplateVariable::getName)
                .toList();
    }
}
