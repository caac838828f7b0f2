package io.airlock.it.smoke;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Records each call and brackets String results, so a test sees the interceptor both ways. */
@Traced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TracingInterceptor {

    @Inject
    InvocationLog log;

    @AroundInvoke
    Object trace(InvocationContext context) throws Exception {
        log.record(context.getMethod().getDeclaringClass().getSimpleName() + "." + context.getMethod().getName());
        Object result = context.proceed();
        return result instanceof String s ? "[" + s + "]" : result;
    }
}
