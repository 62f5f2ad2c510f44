package dev.pidgr.api.template;

import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.consistency.ReadYourWrites;
import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.gateway.Mutations;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.grpc.CallContext;
import dev.pidgr.api.grpc.RequestHeaders;
import dev.pidgr.api.v1.*;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.UpdateTemplate;
import dev.pidgr.query.Page;
import dev.pidgr.query.PageRequest;
import dev.pidgr.query.TemplateReads;
import io.grpc.stub.StreamObserver;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * TemplateService: Create and Update go through the command gateway (a template's aggregate
 * version is its template version) and answer once the result arrives; Get and List read the projection after
 * read-your-writes.
 */
public final class TemplateGrpcService extends TemplateServiceGrpc.TemplateServiceImplBase {

    private final Mutations mutations;
    private final TemplateReads reads;
    private final ReadYourWrites readYourWrites;

    public TemplateGrpcService(Mutations mutations, TemplateReads reads, ReadYourWrites readYourWrites) {
        this.mutations = mutations;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
    }

    @Override
    public void createTemplate(CreateTemplateRequest request, StreamObserver<CreateTemplateResponse> response) {
        CommandMetadata metadata = mutations.metadata("CreateTemplate", request, OptionalLong.empty());
        String id = metadata.getIdempotencyKey().isEmpty()
                ? UUID.randomUUID().toString()
                : Ids.templateIdForIdempotencyKey(metadata.getOrganizationId(), metadata.getIdempotencyKey());
        TemplateCommand command = TemplateCommand.newBuilder()
                .setMetadata(metadata)
                .setTemplateId(id)
                .setCreateTemplate(CreateTemplate.newBuilder()
                        .setName(request.getName())
                        .setBody(request.getBody())
                        .addAllVariables(request.getVariablesList())
                        .setTitle(request.getTitle())
                        .setType(request.getType()))
                .build();
        mutations.template(
                command,
                response,
                accepted -> CreateTemplateResponse.newBuilder()
                        .setTemplate(accepted.getTemplate())
                        .build());
    }

    @Override
    public void updateTemplate(UpdateTemplateRequest request, StreamObserver<UpdateTemplateResponse> response) {
        CommandMetadata metadata = mutations.metadata("UpdateTemplate", request,
                Mutations.expected(request.hasExpectedVersion(), request.getExpectedVersion()));
        TemplateCommand command = TemplateCommand.newBuilder()
                .setMetadata(metadata)
                .setTemplateId(request.getTemplateId())
                .setUpdateTemplate(UpdateTemplate.newBuilder()
                        .setBody(request.getBody())
                        .addAllVariables(request.getVariablesList()))
                .build();
        mutations.template(
                command,
                response,
                accepted -> UpdateTemplateResponse.newBuilder()
                        .setTemplate(accepted.getTemplate())
                        .build());
    }

    @Override
    public void getTemplate(GetTemplateRequest request, StreamObserver<GetTemplateResponse> response) {
        String org = CallContext.caller().organizationId();
        String id = request.getTemplateId();
        readYourWrites.awaitOne(Kind.TEMPLATE, org, id, CallContext.deadline());
        long minVersion = RequestHeaders.minVersion();
        if (minVersion > 0) {
            // The latest version proves the minimum is projected; only then is a pinned version read.
            readYourWrites
                    .readAtLeast(
                            Kind.TEMPLATE,
                            org,
                            id,
                            () -> reads.template(org, id, 0),
                            Template::getVersion,
                            minVersion,
                            CallContext.deadline())
                    .orElseThrow(() -> notFound(id));
        }
        Template template = reads.template(org, id, request.getVersion()).orElseThrow(() -> notFound(id));
        reply(response, GetTemplateResponse.newBuilder().setTemplate(template).build());
    }

    @Override
    public void listTemplates(ListTemplatesRequest request, StreamObserver<ListTemplatesResponse> response) {
        Caller caller = CallContext.caller();
        readYourWrites.awaitAll(Kind.TEMPLATE, caller.organizationId(), CallContext.deadline());
        Pagination pagination = request.getPagination();
        Page<Template> page = reads.templates(caller.organizationId(), request.getType(),
                new PageRequest(pagination.getPageSize(), pagination.getPageToken()));
        reply(response, ListTemplatesResponse.newBuilder()
                .addAllTemplates(page.items())
                .setPagination(PaginationMeta.newBuilder()
                        .setNextPageToken(page.nextPageToken())
                        .setTotalCount(page.totalCount()))
                .build());
    }

    private static io.grpc.StatusRuntimeException notFound(String id) {
        return ApiErrors.notFound("template " + id + " not found");
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
