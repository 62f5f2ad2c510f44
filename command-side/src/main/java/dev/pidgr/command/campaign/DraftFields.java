package dev.pidgr.command.campaign;

import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import java.util.List;

/** The text and template fields of CreateCampaign and UpdateCampaign (where empty means "no change"). */
final class DraftFields {

    static final int MAX_TEXT = 200;

    private DraftFields() {
    }

    static void check(List<Violation> out, String name, boolean nameRequired, String senderName, String title,
                      String templateId, boolean templateRequired, int templateVersion) {
        if (nameRequired) {
            Text.required(out, "name", name, MAX_TEXT);
        } else {
            Text.maxLength(out, "name", name, MAX_TEXT);
        }
        Text.maxLength(out, "sender_name", senderName, MAX_TEXT);
        Text.maxLength(out, "title", title, MAX_TEXT);
        if (templateId.isEmpty()) {
            if (templateRequired) {
                out.add(new Violation("template_id", "template_id is required"));
            }
        } else if (!Text.isUuid(templateId)) {
            out.add(new Violation("template_id", "template_id " + Text.quote(templateId) + " is not a UUID"));
        }
        if (templateVersion < 0) {
            out.add(new Violation("template_version", "template_version must not be negative"));
        }
    }
}
