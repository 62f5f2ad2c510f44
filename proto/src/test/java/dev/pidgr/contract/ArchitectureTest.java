package dev.pidgr.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The step types' descriptors ({@code contract.step}) and the message renderer ({@code contract.render}) are
 * pure (docs/architecture.md, "Rules the build enforces"): the command side validates workflows with the
 * descriptors and the workflow processor walks by them; the workflow processor delivers and the api
 * previews with the renderer. So they reach no Kafka, no database, no clock and no random source. The rest
 * of {@code contract} ({@code Topics} with its serdes) is plumbing, outside these packages. No class is
 * excepted.
 */
@AnalyzeClasses(packages = "dev.pidgr.contract", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] DOMAIN = {
        "dev.pidgr.contract.step..",
        "dev.pidgr.contract.render.."
    };

    @ArchTest
    static final ArchRule domainReachesNoKafkaAndNoDatabase = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.postgresql..");

    @ArchTest
    static final ArchRule domainReadsNoClock = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().areAssignableTo(Clock.class)
            .orShould().callMethodWhere(nowOfJavaTime())
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime");

    @ArchTest
    static final ArchRule domainDrawsNoRandomness = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().areAssignableTo(Random.class)
            .orShould().dependOnClassesThat().areAssignableTo(RandomGenerator.class)
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().callMethod(Math.class, "random");

    /** {@code Instant.now()}, {@code LocalDate.now()} and the like: the wall clock by another name. */
    static DescribedPredicate<JavaMethodCall> nowOfJavaTime() {
        return new DescribedPredicate<>("call now() of a java.time class") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getName().equals("now") && call.getTargetOwner().getPackageName().equals("java.time");
            }
        };
    }
}
