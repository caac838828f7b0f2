package io.airlock.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class InvocationLog {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    void record(String call) {
        calls.add(call);
    }

    public long count(String call) {
        return calls.stream().filter(call::equals).count();
    }
}
