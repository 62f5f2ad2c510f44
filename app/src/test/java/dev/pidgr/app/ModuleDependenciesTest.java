package dev.pidgr.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Modules depend only downwards (docs/architecture.md, "Rules the build enforces"): the contract on no
 * other module; the command side, the workflow processor, the query side and the gateway on the contract
 * only; the api on the contract and the query side; {@code app} assembles everything and nothing depends
 * on it. Checked
 * here because {@code app} sees every module's classes. A module is known by its packages; the
 * generated contract lives in {@code dev.pidgr.api.v1} and {@code dev.pidgr.events.v1}, so the api
 * module is {@code dev.pidgr.api} without {@code v1}.
 */
@AnalyzeClasses(packages = "dev.pidgr", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependenciesTest {

    static final DescribedPredicate<JavaClass> CONTRACT =
            resideInAnyPackage("dev.pidgr.contract..", "dev.pidgr.api.v1..", "dev.pidgr.events.v1..")
                    .as("the contract (proto/)");
    static final DescribedPredicate<JavaClass> COMMAND_SIDE =
            resideInAPackage("dev.pidgr.command..").as("command-side/");
    static final DescribedPredicate<JavaClass> WORKFLOW_PROCESSOR =
            resideInAPackage("dev.pidgr.workflow..").as("workflow-processor/");
    static final DescribedPredicate<JavaClass> QUERY_SIDE = resideInAPackage("dev.pidgr.query..").as("query-side/");
    static final DescribedPredicate<JavaClass> GATEWAY = resideInAPackage("dev.pidgr.gateway..").as("gateway/");
    static final DescribedPredicate<JavaClass> API =
            resideInAPackage("dev.pidgr.api..").and(not(resideInAPackage("dev.pidgr.api.v1.."))).as("api/");
    static final DescribedPredicate<JavaClass> APP = resideInAPackage("dev.pidgr.app..").as("app/");
    static final DescribedPredicate<JavaClass> EMBEDDED = resideInAPackage("dev.pidgr.embedded..").as("embedded/");

    @ArchTest
    static final ArchRule contractDependsOnNoOtherModule = noClasses()
            .that(CONTRACT)
            .should().dependOnClassesThat(
                    COMMAND_SIDE.or(WORKFLOW_PROCESSOR).or(QUERY_SIDE).or(GATEWAY).or(API).or(APP).or(EMBEDDED));

    @ArchTest
    static final ArchRule commandSideDependsOnlyOnTheContract = dependsOnlyOnTheContract(COMMAND_SIDE);

    @ArchTest
    static final ArchRule workflowProcessorDependsOnlyOnTheContract = dependsOnlyOnTheContract(WORKFLOW_PROCESSOR);

    @ArchTest
    static final ArchRule querySideDependsOnlyOnTheContract = dependsOnlyOnTheContract(QUERY_SIDE);

    @ArchTest
    static final ArchRule gatewayDependsOnlyOnTheContract = dependsOnlyOnTheContract(GATEWAY);

    @ArchTest
    static final ArchRule apiDependsOnNeitherProcessor = noClasses()
            .that(API)
            .should().dependOnClassesThat(COMMAND_SIDE.or(WORKFLOW_PROCESSOR).or(GATEWAY).or(APP).or(EMBEDDED));

    @ArchTest
    static final ArchRule onlyApiAndAppReadTheQuerySide = noClasses()
            .that(not(QUERY_SIDE.or(API).or(APP)))
            .should().dependOnClassesThat(QUERY_SIDE);

    /** A processor sees the contract and nothing of its siblings, the api, the assembly or the test broker. */
    static ArchRule dependsOnlyOnTheContract(DescribedPredicate<JavaClass> module) {
        DescribedPredicate<JavaClass> modules = COMMAND_SIDE.or(WORKFLOW_PROCESSOR).or(QUERY_SIDE).or(GATEWAY)
                .or(API).or(APP).or(EMBEDDED);
        return noClasses()
                .that(module)
                .should().dependOnClassesThat(modules.and(not(module)).as("another module than the contract"));
    }
}
