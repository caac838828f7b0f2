package io.airlock.benchmarks;

import io.airlock.Airlocked;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Proceeds and nothing else, at {@code @Airlocked}'s priority: the cost of being intercepted at all. */
@Noop
@Interceptor
@Priority(Airlocked.PRIORITY)
public class NoopInterceptor {

    @AroundInvoke
    public Object aroundInvoke(InvocationContext context) throws Exception {
        return context.proceed();
    }
}
