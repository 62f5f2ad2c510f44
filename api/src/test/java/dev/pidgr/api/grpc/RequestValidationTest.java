package dev.pidgr.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest.FieldViolation;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.TemplateVariable;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestValidationTest {

    private final RequestValidation validation = new RequestValidation();
    private static final String TEMPLATE = UUID.randomUUID().toString();

    @Test
    void shouldNameTheFieldAndTheRule() {
        List<FieldViolation> violations = validation.violations(CreateCampaignRequest.newBuilder()
                .setName("n".repeat(201)).setTemplateId(TEMPLATE).build());
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("name");
            assertThat(v.getDescription()).isEqualTo("must be at most 200 characters");
        });
    }

    @Test
    void shouldReportEveryViolation() {
        List<FieldViolation> violations = validation.violations(CreateCampaignRequest.newBuilder()
                .setTemplateId("not-a-uuid").setTemplateVersion(-1).build());
        assertThat(violations)
                .extracting(FieldViolation::getField)
                .containsExactlyInAnyOrder("name", "template_id", "template_version");
    }

    @Test
    void shouldNameNestedFieldsWithTheirIndex() {
        List<FieldViolation> violations = validation.violations(CreateCampaignRequest.newBuilder()
                .setName("x").setTemplateId(TEMPLATE)
                .addAudience(AudienceMember.newBuilder().setUserId("ok"))
                .addAudience(AudienceMember.newBuilder().setUserId(""))
                .build());
        assertThat(violations).extracting(FieldViolation::getField).containsExactly("audience[1].user_id");
    }

    @Test
    void shouldRefuseDuplicateAudienceMembers() {
        List<FieldViolation> violations = validation.violations(CreateCampaignRequest.newBuilder()
                .setName("x").setTemplateId(TEMPLATE)
                .addAudience(AudienceMember.newBuilder().setUserId("same"))
                .addAudience(AudienceMember.newBuilder().setUserId("same"))
                .build());
        assertThat(violations)
                .extracting(FieldViolation::getField, FieldViolation::getDescription)
                .containsExactly(org.assertj.core.api.Assertions.tuple(
                        "audience[1].user_id", "each audience user_id must be unique within the campaign"));
    }

    @Test
    void shouldRefuseDuplicateAndOverlongUserIds() {
        List<FieldViolation> violations = validation.violations(CreateCampaignRequest.newBuilder()
                .setName("x")
                .setTemplateId(TEMPLATE)
                .addUserIds("a")
                .addUserIds("u".repeat(201))
                .addUserIds("a")
                .build());
        assertThat(violations).extracting(FieldViolation::getField, FieldViolation::getDescription).containsExactly(
                org.assertj.core.api.Assertions.tuple("user_ids[1]", "must be at most 200 characters"),
                org.assertj.core.api.Assertions.tuple("user_ids[2]", "repeated value must contain unique items"));
    }

    @Test
    void shouldRefuseDuplicateTemplateVariables() {
        TemplateVariable name = TemplateVariable.newBuilder().setName("name").build();
        List<FieldViolation> violations = validation.violations(CreateTemplateRequest.newBuilder()
                .setName("t").setBody("b").addVariables(name).addVariables(name).build());
        assertThat(violations).extracting(FieldViolation::getField, FieldViolation::getDescription).containsExactly(
                org.assertj.core.api.Assertions.tuple("variables", "variable names must be unique"));
    }

    @Test
    void shouldRefuseANegativePageSize() {
        List<FieldViolation> violations = validation.violations(ListCampaignsRequest.newBuilder()
                .setPagination(Pagination.newBuilder().setPageSize(-1)).build());
        assertThat(violations).extracting(FieldViolation::getField).containsExactly("pagination.page_size");
    }

    @Test
    void shouldAcceptAFullSizeAudienceOfUniqueMembers() {
        CreateCampaignRequest.Builder request =
                CreateCampaignRequest.newBuilder().setName("big").setTemplateId(TEMPLATE);
        for (int i = 0; i < Integer.getInteger("members", 100_000); i++) {
            request.addAudience(
                    AudienceMember.newBuilder().setUserId("user-" + i).putVariables("first_name", "Name " + i));
        }
        CreateCampaignRequest big = request.build();
        validation.violations(big); // warm-up: compiles the rules
        long started = System.nanoTime();
        List<FieldViolation> violations = validation.violations(big);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "validating a 100,000-member CreateCampaign (%d bytes) took %d ms%n", big.getSerializedSize(), millis);
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldBoundTheDetailsOfManyViolations() {
        CreateCampaignRequest.Builder request = CreateCampaignRequest.newBuilder().setName("x").setTemplateId(TEMPLATE);
        for (int i = 0; i < 1_000; i++) {
            request.addAudience(AudienceMember.newBuilder().setUserId(""));
        }
        List<FieldViolation> all = validation.violations(request.build());
        List<FieldViolation> bounded = RequestValidation.bounded(all);
        assertThat(all).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(bounded).hasSizeLessThanOrEqualTo(RequestValidation.MAX_DETAIL_VIOLATIONS + 1);
        assertThat(bounded.getLast().getDescription()).endsWith("more violations are not listed");
    }
}
