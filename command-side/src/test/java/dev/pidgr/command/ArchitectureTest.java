package dev.pidgr.command;

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
 * The command side's domain is pure (docs/architecture.md, "Rules the build enforces"): the deciders,
 * their rules and their decisions take time and ids from the command envelope, never from a clock or a
 * random source, and reach no Kafka and no database; they read templates through {@code catalog/}'s
 * interface. The Kafka shell ({@code kafka/}) and the state check ({@code check/}) are outside these
 * packages. Logging through SLF4J is allowed. No class is excepted.
 */
@AnalyzeClasses(packages = "dev.pidgr.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] DOMAIN = {
        "dev.pidgr.command.campaign..",
        "dev.pidgr.command.template..",
        "dev.pidgr.command.workflow..",
        "dev.pidgr.command.decision..",
        "dev.pidgr.command.catalog..",
        "dev.pidgr.command.device.."
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
