package dev.pidgr.command.kafka;

import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.store.TemplateLookup;

/**
 * One lookup a decision made in the template catalog, and the version it found (0: none). The
 * catalog only grows (versions are added, a template's organization never changes), so a lookup
 * that found a version keeps finding one, and a miss turns into a find at most once.
 */
record CatalogLookup(String organizationId, String templateId, int version, int found) {

    static CatalogLookup in(TemplateCatalog catalog, String organizationId, String templateId, int version) {
        int found = catalog.find(organizationId, templateId, version).map(TemplateVersion::version).orElse(0);
        return new CatalogLookup(organizationId, templateId, version, found);
    }

    boolean missed() {
        return found == 0;
    }

    /** Whether the same lookup in {@code catalog} now would find what this one found. */
    boolean stillAnswered(TemplateCatalog catalog) {
        return in(catalog, organizationId, templateId, version).found == found;
    }

    TemplateLookup toProto() {
        return TemplateLookup.newBuilder()
                .setOrganizationId(organizationId)
                .setTemplateId(templateId)
                .setVersion(version)
                .setFoundVersion(found)
                .build();
    }

    static CatalogLookup of(TemplateLookup p) {
        return new CatalogLookup(p.getOrganizationId(), p.getTemplateId(), p.getVersion(), p.getFoundVersion());
    }
}
