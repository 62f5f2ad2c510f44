package dev.pidgr.command.catalog;

import java.util.Optional;

/**
 * The template versions campaign commands may reference, as materialized from
 * pidgr.template.events. Lookups are scoped by organization: another organization's template is
 * indistinguishable from one that does not exist.
 */
public interface TemplateCatalog {

    /** The version {@code version} (0 = the latest) of {@code organizationId}'s template {@code templateId}. */
    Optional<TemplateVersion> find(String organizationId, String templateId, int version);
}
