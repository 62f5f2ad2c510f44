package dev.pidgr.workflow;

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
 * The workflow processor's domain is pure (docs/architecture.md, "Rules the build enforces"): the runs,
 * the step runners and the delivery state machine take the time as an argument, read
 * through {@code RunReader}, and return decisions as values; they reach no Kafka, no database, no clock
 * and no random source. The applier and the stores ({@code kafka/}), the wake-up schedule
 * ({@code timer/}), the template loader ({@code template/}) and the webhook dispatcher ({@code webhook/})
 * are the shell, outside these packages. The renderer is the contract's ({@code contract.render}), held to
 * the same rules there. Logging through SLF4J is allowed. No class is excepted.
 */
@AnalyzeClasses(packages = "dev.pidgr.workflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] DOMAIN = {
        "dev.pidgr.workflow.run..",
        "dev.pidgr.workflow.step..",
        "dev.pidgr.workflow.delivery..",
        "dev.pidgr.workflow.nudge.."
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
