package io.airlock;

import java.util.Optional;

/** The one {@link Airlock} of this class loader, over the {@link Engine}. */
final class DefaultAirlock extends AbstractEnqueuer implements Airlock {

    static final DefaultAirlock INSTANCE = new DefaultAirlock();

    private static final ScopeRunner DEFAULT_RUNNER = new ScopeRunner(null, null, null);

    private DefaultAirlock() {
        super(EnqueueSettings.DEFAULT);
    }

    @Override
    public ScopeRunner scope() {
        return DEFAULT_RUNNER;
    }

    @Override
    public <X extends Exception> void run(ScopedRunnable<X> block) throws X {
        DEFAULT_RUNNER.run(block);
    }

    @Override
    public <R, X extends Exception> R call(ScopedCallable<R, X> block) throws X {
        return DEFAULT_RUNNER.call(block);
    }

    @Override
    public LocalPolicy withPolicy(Policy policy) {
        return new LocalPolicy(policy);
    }

    @Override
    public Optional<Scope> currentScope() {
        ThreadState state = ThreadState.current();
        return Optional.ofNullable(state == null ? null : state.scope);
    }

    @Override
    public AirlockConfig configuration() {
        return Engine.get().config();
    }

    @Override
    public void configure(AirlockConfig config) {
        Engine.get().configure(config);
    }

    @Override
    public void resetConfiguration() {
        Engine.get().reset();
    }

    @Override
    public String toString() {
        return "Airlock" + configuration();
    }
}
