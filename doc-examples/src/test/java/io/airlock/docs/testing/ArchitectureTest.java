package io.airlock.docs.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.airlock.testing.arch.AirlockRules;
import org.junit.jupiter.api.Test;

/** docs/testing.md: the architecture rules with plain ArchUnit (no archunit-junit5 engine needed). */
class ArchitectureTest {

    // tag::arch[]
    @Test
    void nothingBypassesAirlock() {
        JavaClasses shop = new ClassFileImporter()
                .importPackages("com.example.shop");
        AirlockRules.NO_BYPASSING_AIRLOCK.check(shop);
    }
    // end::arch[]

    @Test
    void theRuleCatchesADirectTaskCall() {
        JavaClasses ours = new ClassFileImporter().importPackages("com.example.legacy", "io.airlock.docs.shop");
        assertThrows(AssertionError.class, () -> AirlockRules.NO_DIRECT_TASK_CALLS.check(ours));
    }
}
