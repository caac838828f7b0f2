package io.airlock.it;

import io.airlock.it.smoke.ext.SmokeExtension;
import jakarta.enterprise.inject.spi.Extension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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

    /** The airlock scenarios, one WAR each (names fixed: Liberty's server.xml refers to {@link #JMS}). */
    public static final String TRANSACTIONS = "airlock-transactions";
    public static final String AIRLOCKED = "airlock-airlocked";
    public static final String REQUEST = "airlock-request";
    public static final String POLICIES = "airlock-policies";
    public static final String MANAGED = "airlock-managed";
    /** Open Liberty: {@code jmsActivationSpec id="airlock-jms/AirlockTasksMdb"} in server.xml. */
    public static final String JMS = "airlock-jms";
    public static final String CONFIG = "airlock-config";
    public static final String DEFAULTS = "airlock-defaults";
    public static final String NAMED = "airlock-named";
    public static final String DURABLE = "airlock-durable";
    /** Open Liberty: {@code jmsActivationSpec id="airlock-telemetry/TelemetryTasksMdb"} in server.xml. */
    public static final String TELEMETRY = "airlock-telemetry";
    public static final String HEALTH = "airlock-health";
    public static final String HEALTH_JMS = "airlock-health-jms";
    /** The WAR deployed with a configuration airlock rejects, and its corrected version (Arquillian wants a name each). */
    public static final String REJECTED = "airlock-rejected";
    public static final String CORRECTED = "airlock-corrected";

    /**
     * Configuration of the WARs whose tests run inside the server: the Arquillian servlet request that runs
     * each test would otherwise be an HTTP request scope around the test, capturing every intent until the
     * test method has returned (the outermost scope has authority).
     */
    private static final String NO_REQUEST_SCOPE = "airlock.request-scope.enabled=false\n";

    private static final String PERSISTENCE_XML = """
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
              <persistence-unit name="airlock-it" transaction-type="JTA">
                <jta-data-source>java:comp/DefaultDataSource</jta-data-source>
            %s    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                <properties>
                  <property name="jakarta.persistence.schema-generation.database.action" value="drop-and-create"/>
                </properties>
              </persistence-unit>
            </persistence>
            """;

    private static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
                   bean-discovery-mode="annotated"/>
            """;

    /**
     * Payara only (other servers ignore the file): OpenMQ's resource adapter redelivers a message whose
     * {@code onMessage} threw only {@code endpointExceptionRedeliveryAttempts} times, 1 by default, then moves it
     * to OpenMQ's own dead message queue. It must cover the largest {@code maxRetries} (JmsIT: 2).
     */
    private static final String PAYARA_MDB_REDELIVERY = """
            <glassfish-ejb-jar>
              <enterprise-beans>
                <ejb>
                  <ejb-name>AirlockTasksMdb</ejb-name>
                  <mdb-resource-adapter>
                    <activation-config>
                      <activation-config-property>
                        <activation-config-property-name>endpointExceptionRedeliveryAttempts</activation-config-property-name>
                        <activation-config-property-value>5</activation-config-property-value>
                      </activation-config-property>
                    </activation-config>
                  </mdb-resource-adapter>
                </ejb>
              </enterprise-beans>
            </glassfish-ejb-jar>
            """;

    private Deployments() {
    }

    /** The platform smoke test: its package plus a separate library jar with a portable extension. */
    public static WebArchive smoke() {
        return war(SMOKE, io.airlock.it.smoke.SmokeListener.class.getPackage())
                .addAsLibrary(extensionLibrary("smoke-extension.jar", SmokeExtension.class));
    }

    /**
     * {@code @Inject Airlock} in a CDI bean and an EJB, the static entry point from a JPA entity, the JTA
     * transaction as the boundary ({@code airlock.no-scope=join-transaction}); JPA on the server's
     * {@code java:comp/DefaultDataSource}.
     */
    public static WebArchive transactions() {
        return scenario(TRANSACTIONS, "io.airlock.it.transactions",
                NO_REQUEST_SCOPE + "airlock.no-scope=join-transaction\n")
                .addAsResource(new StringAsset(persistenceXml(io.airlock.it.transactions.Purchase.class,
                        io.airlock.it.transactions.Shipment.class)), "META-INF/persistence.xml");
    }

    /** {@code @Airlocked} on a CDI bean and an EJB, with and without transactions. */
    public static WebArchive airlocked() {
        return scenario(AIRLOCKED, "io.airlock.it.airlocked", NO_REQUEST_SCOPE);
    }

    /**
     * The HTTP request scope, tested from the client: the request scope stays on. Its JMS queue and receiver
     * serve an {@code @Airlocked(executor = "jms")} method called during a request (Open Liberty: queue and
     * activation spec {@code airlock-request/RequestTasksMdb} in server.xml).
     */
    public static WebArchive request() {
        return scenario(REQUEST, "io.airlock.it.request", "airlock.jms.queue=" + io.airlock.it.request.RequestTasksMdb.QUEUE + "\n");
    }

    /** Policies in the container. */
    public static WebArchive policies() {
        return scenario(POLICIES, "io.airlock.it.policies", NO_REQUEST_SCOPE);
    }

    /** The ManagedExecutorService executor as the application's default ({@code airlock.executor=managed}). */
    public static WebArchive managed() {
        return scenario(MANAGED, "io.airlock.it.managed",
                NO_REQUEST_SCOPE + "airlock.executor=managed\n");
    }

    /**
     * The JMS executor as the application's default; its queue, the receiving MDB and the dead-letter queue
     * defined by the WAR.
     */
    public static WebArchive jms() {
        return scenario(JMS, "io.airlock.it.jms",
                NO_REQUEST_SCOPE + "airlock.executor=jms\nairlock.jms.queue=" + io.airlock.it.jms.AirlockTasksMdb.QUEUE + "\n"
                + "airlock.jms.dead-letter-queue=" + io.airlock.it.jms.DeadLetters.QUEUE + "\n")
                .addAsWebInfResource(new StringAsset(PAYARA_MDB_REDELIVERY), "glassfish-ejb-jar.xml");
    }

    /** Configuration through MicroProfile Config: {@code airlock.policy=drop-all}. */
    public static WebArchive config() {
        return scenario(CONFIG, "io.airlock.it.config", NO_REQUEST_SCOPE + "airlock.policy=drop-all\n");
    }

    /** The application's default policy and executor as {@code @AirlockDefault} beans of the WAR. */
    public static WebArchive defaults() {
        return scenario(DEFAULTS, "io.airlock.it.defaults", NO_REQUEST_SCOPE);
    }

    /**
     * The application's policy and executor named in configuration: {@code airlock.policy} by a bean class,
     * {@code airlock.executor} by a bean name.
     */
    public static WebArchive named() {
        return scenario(NAMED, "io.airlock.it.named", NO_REQUEST_SCOPE
                + "airlock.policy=" + io.airlock.it.named.ConfiguredPolicy.class.getName() + "\n"
                + "airlock.executor=" + io.airlock.it.named.ConfiguredExecutor.NAME + "\n");
    }

    /**
     * Durable intents ({@code airlock.store=jdbc}) on the server's {@code java:comp/DefaultDataSource}, with short
     * backoff and relay interval so that retries happen within a test.
     */
    public static WebArchive durable() {
        return scenario(DURABLE, "io.airlock.it.durable", NO_REQUEST_SCOPE + "airlock.store=jdbc\n"
                + "airlock.store.backoff.initial=100ms\nairlock.store.backoff.max=200ms\nairlock.store.max-retries=2\n"
                + "airlock.store.poll-interval=200ms\n");
    }

    /**
     * MicroProfile Telemetry turned on for this WAR, exporting over OTLP/HTTP (protobuf) to {@code endpoint}
     * (the test's own receiver) at short intervals; the {@code jms} executor on the WAR's queue, the request
     * scope on (the test calls a JAX-RS resource).
     */
    public static WebArchive telemetry(String endpoint) {
        return scenario(TELEMETRY, "io.airlock.it.telemetry", "airlock.executor=jms\n"
                + "airlock.jms.queue=" + io.airlock.it.telemetry.TelemetryTasksMdb.QUEUE + "\n"
                + "otel.sdk.disabled=false\notel.service.name=" + TELEMETRY + "\n"
                + "otel.traces.exporter=otlp\notel.metrics.exporter=otlp\notel.logs.exporter=none\n"
                + "otel.exporter.otlp.endpoint=" + endpoint + "\notel.exporter.otlp.protocol=http/protobuf\n"
                + "otel.bsp.schedule.delay=100\notel.metric.export.interval=500\n");
    }

    /**
     * Durable intents with a readiness threshold of no pending intent ({@code airlock.health.max-pending=0}),
     * retried every 300 ms for as long as the task fails.
     */
    public static WebArchive health() {
        return scenario(HEALTH, "io.airlock.it.health", NO_REQUEST_SCOPE + "airlock.store=jdbc\n"
                + "airlock.store.backoff.initial=300ms\nairlock.store.backoff.max=300ms\nairlock.store.max-retries=1000\n"
                + "airlock.store.poll-interval=200ms\nairlock.health.max-pending=0\n");
    }

    /**
     * The readiness check with the JMS executor ({@code airlock.executor=jms}) on {@code connectionFactory}, a
     * factory the server module can cut off from its broker; no durable store.
     */
    public static WebArchive healthJms(String connectionFactory) {
        return scenario(HEALTH_JMS, "io.airlock.it.health", NO_REQUEST_SCOPE + "airlock.executor=jms\n"
                + "airlock.jms.connection-factory=" + connectionFactory + "\n");
    }

    /**
     * A WAR whose airlock configuration the extension rejects at deployment: {@code airlock.no-scope} has a value
     * it does not define and {@code airlock.executor} names no executor, so the deployment fails, naming both.
     */
    public static WebArchive rejectedConfiguration() {
        return scenario(REJECTED, "io.airlock.it.rejected", "airlock.no-scope=sometimes\nairlock.executor=no-such-executor\n");
    }

    /** The same WAR with its configuration corrected. */
    public static WebArchive correctedConfiguration() {
        return scenario(CORRECTED, "io.airlock.it.rejected", "airlock.no-scope=fail\nairlock.executor=sync\n");
    }

    /**
     * A scenario's WAR: its package, the shared {@code support} package (tasks and the journal they write)
     * and, when {@code config} is not empty, {@code META-INF/microprofile-config.properties}.
     */
    private static WebArchive scenario(String name, String scenarioPackage, String config) {
        WebArchive war = war(name, io.airlock.it.support.Journal.class.getPackage()).addPackage(scenarioPackage);
        if (!config.isEmpty()) {
            war.addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        }
        return war;
    }

    private static String persistenceXml(Class<?>... entities) {
        return PERSISTENCE_XML.formatted(Stream.of(entities)
                .map(c -> "    <class>" + c.getName() + "</class>\n").collect(Collectors.joining()));
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
