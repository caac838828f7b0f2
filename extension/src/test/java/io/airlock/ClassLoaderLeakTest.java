package io.airlock;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a server's redeployment needs: a pooled thread that ran airlock scopes keeps nothing that holds the
 * application's class loader. airlock is loaded here by a class loader of its own (as a WAR's WEB-INF/lib
 * would be), a scope runs on a long-lived pool thread, and the class loader must then be collectable while
 * the thread lives on.
 */
class ClassLoaderLeakTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aPooledThreadThatRanAScopeDoesNotHoldTheApplicationsClassLoader() throws Exception {
        WeakReference<ClassLoader> application = runScopeInOwnClassLoader(true);
        assertNull(collected(application), "the pool thread still references airlock's class loader after the scope ended");
    }

    /** The control: a scope left active on the thread does keep the class loader, so the check above can fail. */
    @Test
    void aScopeLeftActiveOnThePooledThreadWouldHoldIt() throws Exception {
        WeakReference<ClassLoader> application = runScopeInOwnClassLoader(false);
        assertNotNull(collected(application), "a scope left active should keep its class loader reachable through the thread");
    }

    private WeakReference<ClassLoader> runScopeInOwnClassLoader(boolean exit) throws Exception {
        URL classes = Airlock.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        pool.submit(() -> {
            Class<?> scopeType = Class.forName(Scope.class.getName(), true, loader);
            Object scope = scopeType.getConstructor().newInstance();
            scopeType.getMethod("enter").invoke(scope);
            if (exit) {
                scopeType.getMethod("exit").invoke(scope);
                scopeType.getMethod("flush").invoke(scope);
            }
            return null;
        }).get();
        loader.close();
        return new WeakReference<>(loader);
    }

    private static ClassLoader collected(WeakReference<ClassLoader> reference) throws InterruptedException {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return reference.get();
    }
}
