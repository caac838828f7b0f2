package io.airlock.it;

import io.airlock.it.smoke.ext.SmokeExtension;
import jakarta.enterprise.inject.spi.Extension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds every archive the suite deploys, so that no test assembles one by hand.
 *
 * <p>Every WAR carries the airlock library jars in {@code WEB-INF/lib}, exactly as a user's
 * application would. The server module copies them into the folder named by the system property
 * {@value #LIBS_PROPERTY} (see {@code arquillian-tests/pom.xml}); this class never resolves Maven
 * artifacts itself, so it works offline and in a reactor build.
 */
public final class Deployments {

    /** System property naming the folder whose jars go into every WAR's {@code WEB-INF/lib}. */
    public static final String LIBS_PROPERTY = "it.libs";

    /**
     * Name of the smoke WAR. Fixed, because some servers bind per-application configuration to it
     * (Open Liberty: {@code jmsActivationSpec id="airlock-smoke/SmokeListener"} in server.xml).
     */
    public static final String SMOKE = "airlock-smoke";

    private static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
                   bean-discovery-mode="annotated"/>
            """;

    private Deployments() {
    }

    /** The platform smoke test: its package plus a separate library jar with a portable extension. */
    public static WebArchive smoke() {
        return war(SMOKE, io.airlock.it.smoke.SmokeListener.class.getPackage())
                .addAsLibrary(extensionLibrary("smoke-extension.jar", SmokeExtension.class));
    }

    /**
     * A WAR named {@code name + ".war"} with the given packages (not their sub-packages), a
     * {@code beans.xml} in annotated discovery mode and the airlock library jars.
     */
    public static WebArchive war(String name, Package... packages) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        for (Package p : packages) {
            war.addPackage(p);
        }
        for (File jar : airlockLibraries()) {
            war.addAsLibrary(jar);
        }
        return war;
    }

    /**
     * A library jar that registers {@code extension} as a portable extension through
     * {@code META-INF/services}; not a bean archive, like most third-party extension jars.
     */
    public static JavaArchive extensionLibrary(String jarName, Class<? extends Extension> extension,
            Class<?>... more) {
        return ShrinkWrap.create(JavaArchive.class, jarName)
                .addClass(extension)
                .addClasses(more)
                .addAsServiceProvider(Extension.class, extension);
    }

    private static List<File> airlockLibraries() {
        String folder = System.getProperty(LIBS_PROPERTY);
        if (folder == null || folder.isBlank()) {
            throw new IllegalStateException("System property " + LIBS_PROPERTY + " is not set: run the"
                    + " suite through a server module (mvn verify -pl arquillian-tests/<server> -am),"
                    + " whose build copies the airlock jars there");
        }
        Path dir = Path.of(folder);
        try (Stream<Path> files = Files.list(dir)) {
            List<File> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toFile).toList();
            if (jars.stream().noneMatch(f -> f.getName().startsWith("airlock-extension"))) {
                throw new IllegalStateException("No airlock-extension jar in " + dir
                        + " (" + LIBS_PROPERTY + "): the copy-airlock-libs execution did not run");
            }
            return jars;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir + " (" + LIBS_PROPERTY + ")", e);
        }
    }
}
