package dev.pidgr.command.kafka;

import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.store.CatalogLatest;
import dev.pidgr.command.store.CatalogVersion;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The {@link TemplateCatalog} over the global catalog store; another organization's entries are invisible. */
final class StoreTemplateCatalog implements TemplateCatalog {

    private final ReadOnlyKeyValueStore<String, byte[]> catalog;

    StoreTemplateCatalog(ReadOnlyKeyValueStore<String, byte[]> catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<TemplateVersion> find(String organizationId, String templateId, int version) {
        int wanted = version;
        if (wanted == 0) {
            byte[] latest = catalog.get(StoreKeys.catalogLatest(templateId));
            if (latest == null) {
                return Optional.empty();
            }
            CatalogLatest pointer = StateCodec.parse(() -> CatalogLatest.parseFrom(latest));
            if (!pointer.getOrganizationId().equals(organizationId)) {
                return Optional.empty();
            }
            wanted = pointer.getVersion();
        }
        byte[] bytes = catalog.get(StoreKeys.catalogVersion(templateId, wanted));
        if (bytes == null) {
            return Optional.empty();
        }
        CatalogVersion v = StateCodec.parse(() -> CatalogVersion.parseFrom(bytes));
        return v.getOrganizationId().equals(organizationId)
                ? Optional.of(new TemplateVersion(templateId, v.getVersion(), v.getVariablesList()))
                : Optional.empty();
    }
}
