package io.airlock.web;

import io.airlock.internal.web.AirlockServletContainerInitializer;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContainerInitializer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ServiceLoader;
import java.util.Set;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;

/**
 * A servlet application in a real servlet container (Undertow) on a free port, with a Weld container and airlock's
 * request filter registered the way a server registers it: through the {@code ServletContainerInitializer} entry.
 */
final class UndertowApp implements AutoCloseable {

    private final WeldContainer weld;
    private final HttpClient client = HttpClient.newHttpClient();
    private DeploymentManager manager;
    private Undertow server;
    private int port;

    private UndertowApp(WeldContainer weld) {
        this.weld = weld;
    }

    /** Deploys {@code servlets} with {@code weld} and serves them on {@code workerThreads} worker threads. */
    static UndertowApp start(String name, WeldContainer weld, int workerThreads, ServletInfo... servlets) throws Exception {
        return start(name, weld, workerThreads, null, servlets);
    }

    /**
     * The same, with an initializer of the application's own that runs before airlock's: what it registers (a filter)
     * comes before airlock's request filter, as a filter declared in web.xml does.
     */
    static UndertowApp start(String name, WeldContainer weld, int workerThreads, ServletContainerInitializer first, ServletInfo... servlets)
            throws Exception {
        UndertowApp app = new UndertowApp(weld);
        try {
            ServletContainerInitializer sci = ServiceLoader.load(ServletContainerInitializer.class).stream()
                    .filter(p -> p.type() == AirlockServletContainerInitializer.class).findFirst().orElseThrow().get();
            DeploymentInfo deployment = Servlets.deployment()
                    .setClassLoader(UndertowApp.class.getClassLoader())
                    .setContextPath("/")
                    .setDeploymentName(name)
                    .addListener(Servlets.listener(Listener.class, new ImmediateInstanceFactory<>(Listener.using(weld))))
                    .addServletContainerInitializer(new ServletContainerInitializerInfo(AirlockServletContainerInitializer.class,
                            new ImmediateInstanceFactory<>(sci), Set.of()))
                    .addServlets(servlets);
            if (first != null) {
                deployment.getServletContainerInitializers().add(0, new ServletContainerInitializerInfo(first.getClass(),
                        new ImmediateInstanceFactory<>(first), Set.of()));
            }
            app.manager = Servlets.defaultContainer().addDeployment(deployment);
            app.manager.deploy();
            app.server = Undertow.builder().addHttpListener(0, "127.0.0.1").setWorkerThreads(workerThreads).setHandler(app.manager.start()).build();
            app.server.start();
            app.port = ((InetSocketAddress) app.server.getListenerInfo().get(0).getAddress()).getPort();
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    WeldContainer weld() {
        return weld;
    }

    /** A GET of {@code pathAndQuery} ("/shop?status=200"), its body as text. */
    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (manager != null) {
            manager.stop();
            manager.undeploy();
        }
        weld.shutdown();
    }
}
