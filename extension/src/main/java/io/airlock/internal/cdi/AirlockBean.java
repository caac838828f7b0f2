package io.airlock.internal.cdi;

import io.airlock.AdHocTask;
import io.airlock.Airlock;
import io.airlock.AirlockConfig;
import io.airlock.DispatchOptions;
import io.airlock.Enqueuer;
import io.airlock.Intent;
import io.airlock.LocalPolicy;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.ScopeRunner;
import io.airlock.ScopedCallable;
import io.airlock.ScopedRunnable;
import io.airlock.Task0;
import io.airlock.Task1;
import io.airlock.Task2;
import io.airlock.Task3;
import io.airlock.Task4;
import io.airlock.Task5;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Optional;

/**
 * The {@link Airlock} bean that {@code @Inject Airlock} receives: application-scoped, the same engine as
 * {@link Airlock#get()}. A managed class rather than a synthetic bean of the interface, because Weld's
 * subclass proxy of a managed class calls it directly, where the proxy of a synthetic interface bean looks
 * the instance up and calls it reflectively on every call (about 90 ns per enqueue, see docs/performance.md).
 */
@ApplicationScoped
@Typed(Airlock.class)
public class AirlockBean implements Airlock {

    private final Airlock airlock = Airlock.get();

    @Override
    public <T> Intent enqueue(Task0<T> task) {
        return airlock.enqueue(task);
    }

    @Override
    public <T, A> Intent enqueue(Task1<T, A> task, A a) {
        return airlock.enqueue(task, a);
    }

    @Override
    public <T, A, B> Intent enqueue(Task2<T, A, B> task, A a, B b) {
        return airlock.enqueue(task, a, b);
    }

    @Override
    public <T, A, B, C> Intent enqueue(Task3<T, A, B, C> task, A a, B b, C c) {
        return airlock.enqueue(task, a, b, c);
    }

    @Override
    public <T, A, B, C, D> Intent enqueue(Task4<T, A, B, C, D> task, A a, B b, C c, D d) {
        return airlock.enqueue(task, a, b, c, d);
    }

    @Override
    public <T, A, B, C, D, E> Intent enqueue(Task5<T, A, B, C, D, E> task, A a, B b, C c, D d, E e) {
        return airlock.enqueue(task, a, b, c, d, e);
    }

    @Override
    public Intent enqueue(String name, AdHocTask body) {
        return airlock.enqueue(name, body);
    }

    @Override
    public Enqueuer named(String name) {
        return airlock.named(name);
    }

    @Override
    public Enqueuer origin(String origin) {
        return airlock.origin(origin);
    }

    @Override
    public Enqueuer options(DispatchOptions options) {
        return airlock.options(options);
    }

    @Override
    public ScopeRunner scope() {
        return airlock.scope();
    }

    @Override
    public <X extends Exception> void run(ScopedRunnable<X> block) throws X {
        airlock.run(block);
    }

    @Override
    public <R, X extends Exception> R call(ScopedCallable<R, X> block) throws X {
        return airlock.call(block);
    }

    @Override
    public LocalPolicy withPolicy(Policy policy) {
        return airlock.withPolicy(policy);
    }

    @Override
    public Optional<Scope> currentScope() {
        return airlock.currentScope();
    }

    @Override
    public AirlockConfig configuration() {
        return airlock.configuration();
    }

    @Override
    public void configure(AirlockConfig config) {
        airlock.configure(config);
    }

    @Override
    public void resetConfiguration() {
        airlock.resetConfiguration();
    }

    @Override
    public String toString() {
        return airlock.toString();
    }
}
