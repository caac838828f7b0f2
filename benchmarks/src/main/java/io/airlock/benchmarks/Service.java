package io.airlock.benchmarks;

import io.airlock.Airlocked;
import jakarta.enterprise.context.ApplicationScoped;

/** The same business method three times: through @Airlocked, through a no-op interceptor, and plain. */
@ApplicationScoped
public class Service {

    @Airlocked
    public long airlocked(long x) {
        return x + 1;
    }

    @Noop
    public long noop(long x) {
        return x + 1;
    }

    public long plain(long x) {
        return x + 1;
    }
}
