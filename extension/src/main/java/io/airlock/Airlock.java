package io.airlock;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The entry point: enqueue side effects anywhere, open scopes, apply local policies.
 *
 * <p>In a CDI container, inject it ({@code @Inject Airlock airlock}); code that is not a bean (a JPA
 * entity's method) reaches the same instance through {@link #get()}.
 *
 * <pre>{@code
 * public class Order {
 *     public void process() {
 *         status = PROCESSED;
 *         Airlock.get().enqueue(Mailer::sendConfirmation, id);
 *         Airlock.get().enqueue(Warehouse::notify, id);
 *     }
 * }
 *
 * airlock.run(() -> order.process());                                 // both escape when the block ends
 * airlock.scope().policy(new DropAll()).run(() -> order.process());   // nothing escapes
 * }</pre>
 *
 * <p>WHEN effects escape is the scope's business ({@link Scope}), WHAT escapes the policies'
 * ({@link Policy}), HOW they run the executors' ({@link IntentExecutor}).
 */
public interface Airlock extends Enqueuer {

    /** The application's airlock: the same instance CDI injects. */
    static Airlock get() {
        return DefaultAirlock.INSTANCE;
    }

    /**
     * Installs the deployed configuration: what {@link #resetConfiguration()} returns to. For integrations
     * (the CDI extension calls it at deployment); applications and tests use {@link #configure}.
     */
    static void install(AirlockConfig config) {
        Engine.get().install(config);
    }

    /** A runner for a new scope; set its policy, executor or type, then {@code run}, {@code call} or {@code open}. */
    ScopeRunner scope();

    /** Runs {@code block} in a new scope with the application's defaults: flush on return, discard on exception. */
    <X extends Exception> void run(ScopedRunnable<X> block) throws X;

    /** Like {@link #run}, returning the block's value. */
    <R, X extends Exception> R call(ScopedCallable<R, X> block) throws X;

    /** A local policy block: intents enqueued inside it are also judged by {@code policy} at flush. */
    LocalPolicy withPolicy(Policy policy);

    /** The innermost active scope of this thread, if any. */
    Optional<Scope> currentScope();

    /** The configuration in force. */
    AirlockConfig configuration();

    /**
     * Replaces the application's defaults (policy, executor, scope factory, no-scope behaviour, failure
     * listener), for example in a test; {@link #resetConfiguration()} undoes it. The platform bindings an
     * integration installed — CDI target resolution and the JTA binding in a container — stay unless
     * {@code config} names other ones (a configuration built from {@link AirlockConfig#defaults()} does not: it
     * keeps them); a deliberate replacement is logged at WARNING. In a container the {@code DispatchFailure}
     * event fires whatever failure listener {@code config} has: the listener is told in addition.
     */
    void configure(AirlockConfig config);

    /** Changes the configuration: {@code airlock.configure(c -> c.withExecutor(x))}. */
    default void configure(UnaryOperator<AirlockConfig> change) {
        configure(change.apply(configuration()));
    }

    /** Back to the deployed configuration (airlock's defaults outside a container). */
    void resetConfiguration();
}
