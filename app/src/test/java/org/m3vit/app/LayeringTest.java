package org.m3vit.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The layering rules of DESIGN.md: the model and the simulator core never touch JavaFX. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.m3vit");

    @Test
    void modelAndSimulatorNeverImportJavaFx() {
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().startsWith("org.m3vit.model"))).isNotEmpty();
        ArchRule rule = noClasses().that().resideInAnyPackage("org.m3vit.model..", "org.m3vit.hw.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..");
        rule.check(CLASSES);
    }

    @Test
    void modelDoesNotDependOnTheRestOfTheApplication() {
        noClasses().that().resideInAPackage("org.m3vit.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.m3vit.app..", "org.m3vit.visualizer..", "org.m3vit.hw..")
                .check(CLASSES);
    }

    @Test
    void visualizerDoesNotDependOnTheApplication() {
        noClasses().that().resideInAPackage("org.m3vit.visualizer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.m3vit.app..", "org.m3vit.hw..")
                .check(CLASSES);
    }
}
