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

    @Test
    void viewModelsHoldStateWithoutScenesOrControls() {
        noClasses().that().resideInAPackage("org.m3vit.app.viewmodel..")
                .or().haveSimpleNameEndingWith("ViewModel").or().haveSimpleName("HardwarePanelModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineWritesToTheStandardStreams() {
        noClasses().that().resideOutsideOfPackages("org.m3vit.app.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("libraries and the window report through return values, exceptions and loggers; the command line owns the terminal")
                .check(CLASSES);
    }

    @Test
    void codeThatAutogradDifferentiatesNeverUsesDjlsNumberOverloads() {
        // DJL wraps the Java number in a tensor over a direct buffer and frees it when the call returns, while
        // libtorch's autograd keeps reading it in the backward pass (docs/training.md, "Two training bugs")
        com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction rule = noClasses()
                .that().resideInAnyPackage("org.m3vit.model.nn..", "org.m3vit.model.train..")
                .should().callMethod(ai.djl.ndarray.NDArray.class, "mul", Number.class);
        for (String m : new String[] {"div", "add", "sub", "maximum", "minimum", "pow", "rsub", "rdiv"}) {
            rule = rule.orShould().callMethod(ai.djl.ndarray.NDArray.class, m, Number.class);
        }
        rule.check(CLASSES);
    }
}
