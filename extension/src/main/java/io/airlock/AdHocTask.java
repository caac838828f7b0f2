package io.airlock;

/**
 * An ad-hoc task: a body with a name, for in-process executors only. It has no method identity, so
 * executors that send intents elsewhere (JMS) run it in-process instead.
 */
@FunctionalInterface
public interface AdHocTask {
    void run() throws Exception;
}
