package dev.pidgr.command.testing;

import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A template catalog for decider tests: versions per (organization, template). */
public final class InMemoryCatalog implements TemplateCatalog {

    private final Map<String, TreeMap<Integer, TemplateVersion>> byTemplate = new HashMap<>();
    private final Map<String, String> owner = new HashMap<>();

    public InMemoryCatalog add(String organizationId, String templateId, int version, TemplateVariable... variables) {
        owner.put(templateId, organizationId);
        byTemplate.computeIfAbsent(templateId, k -> new TreeMap<>())
                .put(version, new TemplateVersion(templateId, version, List.of(variables)));
        return this;
    }

    @Override
    public Optional<TemplateVersion> find(String organizationId, String templateId, int version) {
        TreeMap<Integer, TemplateVersion> versions = byTemplate.get(templateId);
        if (versions == null || !organizationId.equals(owner.get(templateId))) {
            return Optional.empty();
        }
        return Optional.ofNullable(version == 0 ? versions.lastEntry().getValue() : versions.get(version));
    }

    public static TemplateVariable required(String name) {
        return TemplateVariable.newBuilder().setName(name).setRequired(true).build();
    }

    public static TemplateVariable requiredWithDefault(String name, String defaultValue) {
        return TemplateVariable.newBuilder().setName(name).setRequired(true).setDefaultValue(defaultValue).build();
    }

    public static TemplateVariable optional(String name) {
        return TemplateVariable.newBuilder().setName(name).build();
    }
}
