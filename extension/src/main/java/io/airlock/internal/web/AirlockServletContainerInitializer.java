package io.airlock.internal.web;

import io.airlock.internal.cdi.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Registers the request filter in every web application that has airlock, without a line of the
 * application's own configuration. {@code airlock.request-scope.enabled=false} switches it off.
 */
public class AirlockServletContainerInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger("io.airlock");

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (!Settings.requestScopeEnabled()) {
            LOG.info("airlock request scope switched off (" + Settings.REQUEST_SCOPE_ENABLED + "=false) for " + context.getContextPath());
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter(AirlockRequestFilter.NAME, new AirlockRequestFilter());
        if (filter == null) {
            return; // the application registered a filter of that name itself
        }
        filter.setAsyncSupported(true);
        // First of the filters registered programmatically, for requests, and for the asynchronous dispatches of an
        // asynchronous request (which run on another thread, in the request's scope); not for forwards or includes,
        // which run inside the request's scope on its thread.
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
        context.addListener(new StaleScopeListener());
    }
}
