package dev.pidgr.contract.render;

import com.github.mustachejava.Mustache;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.MessageAction;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SEND_NOTIFICATION step's message, compiled once and rendered per member (docs/api.md, "Steps",
 * SEND_NOTIFICATION): values come from the member's variables, then the step's custom variables,
 * then the template variables' defaults. Values are HTML-escaped in HTML bodies, Markdown-escaped
 * in Markdown and RICH bodies, and written as they are in titles (plain text). Rendering stops at
 * {@link #MAX_BODY} and {@link #MAX_TITLE} characters: nothing past them is ever produced. Not
 * thread-safe: one instance serves one stream task.
 */
public final class MessageTemplate {

    /** The longest body, in characters (code points). */
    public static final int MAX_BODY = 100_000;
    /** The longest title, in characters (code points): with the body, a message stays far below a record's 1 MiB. */
    public static final int MAX_TITLE = 1_000;
    static final String ACK = "ack";
    static final String DEFAULT_ACTION_LABEL = "Acknowledge";

    /** What one member sees, before it is wrapped in a {@link Message}. */
    public record Rendered(String title, String body, String summary, String preview, String contentId) {
    }

    private final Mustache title;
    private final Mustache body;
    private final String fixedTitle;
    private final TemplateType type;
    private final Map<String, String> defaults;
    private final Map<String, String> custom;
    private final Message prototype;
    private final List<String> printed;
    private final MessageDigest sha256;
    private Rendered last;

    private MessageTemplate(Mustache title, Mustache body, String fixedTitle, TemplateType type,
                            Map<String, String> defaults, Map<String, String> custom, Message prototype,
                            List<String> printed) {
        this.title = title;
        this.body = body;
        this.fixedTitle = fixedTitle;
        this.type = type;
        this.defaults = defaults;
        this.custom = custom;
        this.prototype = prototype;
        this.printed = printed;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Compiles a step's message. {@code campaignTitle} wins over the template's title when set.
     *
     * @throws TemplateException when the body or title is not valid Mustache or breaks a limit of
     * {@link MustacheTemplates}
     */
    public static MessageTemplate compile(String campaignId, String campaignTitle, String senderName,
                                          SendNotificationConfig step, Template template) {
        TemplateType type = template.getType() == TemplateType.TEMPLATE_TYPE_UNSPECIFIED
                ? TemplateType.TEMPLATE_TYPE_MARKDOWN : template.getType();
        Escaping escaping = type == TemplateType.TEMPLATE_TYPE_HTML ? Escaping.HTML : Escaping.MARKDOWN;
        Set<String> printed = new TreeSet<>();
        Mustache body = MustacheTemplates.compile(template.getBody(), "body", escaping, printed);
        Mustache title = campaignTitle.isEmpty()
                ? MustacheTemplates.compile(template.getTitle(), "title", Escaping.NONE, printed) : null;
        Map<String, String> defaults = new HashMap<>();
        for (TemplateVariable variable : template.getVariablesList()) {
            if (!variable.getDefaultValue().isEmpty()) {
                defaults.put(variable.getName(), variable.getDefaultValue());
            }
        }
        String label = step.getActionLabel().isEmpty() ? DEFAULT_ACTION_LABEL : step.getActionLabel();
        // As UTF-8 bytes: every member's message copies them, and bytes need no encoding to be sized or written.
        Message prototype = Message.newBuilder()
                .setCampaignIdBytes(ByteString.copyFromUtf8(campaignId))
                .setSenderNameBytes(ByteString.copyFromUtf8(senderName))
                .addActions(MessageAction.newBuilder().setId(ACK).setType(ActionType.ACTION_TYPE_ACK).setLabel(label))
                .build();
        return new MessageTemplate(title, body, PlainText.cut(campaignTitle, MAX_TITLE), type, Map.copyOf(defaults),
                Map.copyOf(step.getCustomVariablesMap()), prototype, List.copyOf(printed));
    }

    /** Renders for one member. */
    public Rendered render(Map<String, String> memberVariables) {
        String renderedBody = execute(body, memberVariables, MAX_BODY);
        String renderedTitle = title == null ? fixedTitle : execute(title, memberVariables, MAX_TITLE);
        Rendered previous = last;
        if (previous != null && previous.body().equals(renderedBody) && previous.title().equals(renderedTitle)) {
            return previous;
        }
        String plain = PlainText.of(renderedBody, type);
        last = new Rendered(renderedTitle, renderedBody, PlainText.summary(plain), PlainText.preview(plain),
                contentId(renderedTitle, renderedBody));
        return last;
    }

    /**
     * The names of the value tags ({@code {{x}}}, {@code {{{x}}}}) in the title and body that nothing gives a
     * value for this member: not the member's variables, the step's custom variables or the template's
     * defaults. They render as empty text. Section names are not counted: an absent section is a choice.
     * Sorted by name.
     */
    public List<String> missing(Map<String, String> memberVariables) {
        return printed.stream()
                .filter(name -> !memberVariables.containsKey(name) && !custom.containsKey(name)
                        && !defaults.containsKey(name))
                .toList();
    }

    /**
     * The message a member's delivery carries. Its text fields are encoded to UTF-8 once, here: a record sizes and
     * writes bytes without encoding them again, and a push request takes the same bytes ({@code getBodyBytes()}).
     */
    public Message message(Rendered rendered, Timestamp createdAt) {
        return prototype.toBuilder()
                .setContentIdBytes(ByteString.copyFromUtf8(rendered.contentId()))
                .setTitleBytes(ByteString.copyFromUtf8(rendered.title()))
                .setBodyBytes(ByteString.copyFromUtf8(rendered.body()))
                .setSummaryBytes(ByteString.copyFromUtf8(rendered.summary()))
                .setPreviewBytes(ByteString.copyFromUtf8(rendered.preview()))
                .setCreatedAt(createdAt)
                .build();
    }

    private String contentId(String renderedTitle, String renderedBody) {
        sha256.reset();
        sha256.update(renderedTitle.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        return HexFormat.of().formatHex(sha256.digest(renderedBody.getBytes(StandardCharsets.UTF_8)));
    }

    private String execute(Mustache template, Map<String, String> memberVariables, int limit) {
        // Mustache looks a name up from the last scope to the first; sections push onto the list.
        List<Object> scopes = new ArrayList<>(4);
        scopes.add(defaults);
        scopes.add(custom);
        scopes.add(memberVariables);
        BoundedWriter out = new BoundedWriter(limit);
        try {
            template.execute(out, scopes);
        } catch (RuntimeException e) {
            if (!out.full()) {
                throw new TemplateException("the template could not be rendered: " + e.getMessage(), e);
            }
        }
        return out.toString();
    }
}
