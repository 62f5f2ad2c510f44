package dev.pidgr.bench.client;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import java.util.ArrayList;
import java.util.List;

/** The template and campaigns the harness creates: one template, audiences of numbered recipients. */
public final class Campaigns {

    private Campaigns() {
    }

    /** A Markdown template with one variable, about the size of a real announcement's push message. */
    public static CreateTemplateRequest template() {
        return CreateTemplateRequest.newBuilder()
                .setName("bench announcement")
                .setTitle("Hello {{name}}")
                .setBody("Hello {{name}},\n\nthe new **travel policy** is out: please read it and confirm that you did."
                        + "\n\nIt changes how trips are booked and approved from next month on.")
                .setType(TemplateType.TEMPLATE_TYPE_MARKDOWN)
                .addVariables(TemplateVariable.newBuilder().setName("name").setDefaultValue("there"))
                .build();
    }

    /** Recipient {@code index} (from 0) of a run: {@code user-0000042}; parse it back with {@link #userIndex}. */
    public static String userId(int index) {
        return String.format("user-%07d", index);
    }

    /** The index of a recipient of {@link #userId}, or -1 for another user id. */
    public static int userIndex(String userId) {
        if (!userId.startsWith("user-")) {
            return -1;
        }
        try {
            return Integer.parseInt(userId.substring(5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A campaign (default workflow: one SEND_NOTIFICATION step) for recipients {@code from} up to {@code to}
     * (exclusive).
     */
    public static CreateCampaignRequest campaign(String name, String templateId, int from, int to) {
        List<AudienceMember> audience = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            audience.add(AudienceMember.newBuilder().setUserId(userId(i)).putVariables("name", "Person " + i).build());
        }
        return CreateCampaignRequest.newBuilder()
                .setName(name)
                .setTemplateId(templateId)
                .setSenderName("Bench HR")
                .addAllAudience(audience)
                .build();
    }

    /** Splits {@code recipients} into audiences of at most {@code max}: the bounds [from, to) of each. */
    public static List<int[]> split(int recipients, int max) {
        List<int[]> parts = new ArrayList<>();
        for (int from = 0; from < recipients; from += max) {
            parts.add(new int[] {from, Math.min(recipients, from + max)});
        }
        return parts;
    }
}
