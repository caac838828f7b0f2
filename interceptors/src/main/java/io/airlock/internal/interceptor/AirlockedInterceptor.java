package io.airlock.internal.interceptor;

import io.airlock.Airlocked;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/**
 * Runs the intercepted invocation in a new scope. Thin on purpose: the settings of each method were read
 * and validated at deployment; this looks them up and delegates to a {@link io.airlock.ScopeRunner}.
 */
@Airlocked
@Interceptor
@Priority(Airlocked.PRIORITY)
public class AirlockedInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    public Object aroundInvoke(InvocationContext context) throws Exception {
        return AirlockedMethods.runnerFor(context).call(context::proceed);
    }

    @AroundTimeout
    public Object aroundTimeout(InvocationContext context) throws Exception {
        return AirlockedMethods.runnerFor(context).call(context::proceed);
    }
}
