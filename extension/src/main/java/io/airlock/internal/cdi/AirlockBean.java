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
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Typed;
import java.io.Serializable;
import java.util.Optional;

/**
 * The {@link Airlock} bean that {@code @Inject Airlock} receives: the same engine as {@link Airlock#get()},
 * typed {@code Airlock} only.
 *
 * <p>{@code @Dependent}, so that injection points receive an instance rather than a client proxy: Weld's
 * proxy of a bean typed by an interface calls every method through {@code Method.invoke}, and its proxy of
 * a class pushes and pops an interception context per call; either roughly doubles the cost of an enqueue
 * (see docs/performance.md). Each instance is a stateless handle on the one engine of the application
 * (there is nothing to destroy), and it is {@link Serializable}, so beans of passivating scopes
 * ({@code @SessionScoped}, {@code @ConversationScoped}) can inject it and a deserialized copy works on.
 */
@Dependent
@Typed(Airlock.class)
public class AirlockBean implements Airlock, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public <T> Intent enqueue(Task0<T> task) {
        return Airlock.get().enqueue(task);
    }

    @Override
    public <T, A> Intent enqueue(Task1<T, A> task, A a) {
        return Airlock.get().enqueue(task, a);
    }

    @Override
    public <T, A, B> Intent enqueue(Task2<T, A, B> task, A a, B b) {
        return Airlock.get().enqueue(task, a, b);
    }

    @Override
    public <T, A, B, C> Intent enqueue(Task3<T, A, B, C> task, A a, B b, C c) {
        return Airlock.get().enqueue(task, a, b, c);
    }

    @Override
    public <T, A, B, C, D> Intent enqueue(Task4<T, A, B, C, D> task, A a, B b, C c, D d) {
        return Airlock.get().enqueue(task, a, b, c, d);
    }

    @Override
    public <T, A, B, C, D, E> Intent enqueue(Task5<T, A, B, C, D, E> task, A a, B b, C c, D d, E e) {
        return Airlock.get().enqueue(task, a, b, c, d, e);
    }

    @Override
    public Intent enqueue(String name, AdHocTask body) {
        return Airlock.get().enqueue(name, body);
    }

    @Override
    public Enqueuer named(String name) {
        return Airlock.get().named(name);
    }

    @Override
    public Enqueuer origin(String origin) {
        return Airlock.get().origin(origin);
    }

    @Override
    public Enqueuer options(DispatchOptions options) {
        return Airlock.get().options(options);
    }

    @Override
    public ScopeRunner scope() {
        return Airlock.get().scope();
    }

    @Override
    public <X extends Exception> void run(ScopedRunnable<X> block) throws X {
        Airlock.get().run(block);
    }

    @Override
    public <R, X extends Exception> R call(ScopedCallable<R, X> block) throws X {
        return Airlock.get().call(block);
    }

    @Override
    public LocalPolicy withPolicy(Policy policy) {
        return Airlock.get().withPolicy(policy);
    }

    @Override
    public Optional<Scope> currentScope() {
        return Airlock.get().currentScope();
    }

    @Override
    public AirlockConfig configuration() {
        return Airlock.get().configuration();
    }

    @Override
    public void configure(AirlockConfig config) {
        Airlock.get().configure(config);
    }

    @Override
    public void resetConfiguration() {
        Airlock.get().resetConfiguration();
    }

    @Override
    public String toString() {
        return Airlock.get().toString();
    }
}
