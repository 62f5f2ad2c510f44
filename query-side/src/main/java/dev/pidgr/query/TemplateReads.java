package dev.pidgr.query;

import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import java.util.Optional;

/** Reads of the template projection (every version is kept). Scoped to one organization in SQL. */
public interface TemplateReads {

    /**
     * One version of a template ({@code version} 0 means the latest), or empty when unknown or another organization's.
     */
    Optional<Template> template(String organizationId, String templateId, int version);

    /**
     * The organization's templates (latest version of each), newest first, only of {@code typeFilter} unless
     * UNSPECIFIED.
     */
    Page<Template> templates(String organizationId, TemplateType typeFilter, PageRequest page);
}
