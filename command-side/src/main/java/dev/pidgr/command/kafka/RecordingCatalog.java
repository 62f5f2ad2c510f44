package dev.pidgr.command.kafka;

import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A catalog that notes every lookup made through it and what it found. The decider is a pure
 * function of the command, the campaign, its audience and these answers: while a waiting command's
 * campaign cannot change (later commands queue behind it) and every noted lookup still finds the
 * same, deciding it again would give the same decision.
 */
final class RecordingCatalog implements TemplateCatalog {

    private final TemplateCatalog catalog;
    private final List<CatalogLookup> lookups = new ArrayList<>();

    RecordingCatalog(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<TemplateVersion> find(String organizationId, String templateId, int version) {
        Optional<TemplateVersion> found = catalog.find(organizationId, templateId, version);
        lookups.add(new CatalogLookup(
                organizationId,
                templateId,
                version,
                found.map(TemplateVersion::version).orElse(0)));
        return found;
    }

    List<CatalogLookup> lookups() {
        return List.copyOf(lookups);
    }
}
