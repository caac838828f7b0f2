/**
 * airlock's test support for JUnit 5: {@link io.airlock.testing.AirlockTest} runs each test in a scope
 * whose intents are dropped by default, {@link io.airlock.testing.NoSideEffects} asserts that code enqueues
 * nothing, and {@link io.airlock.testing.IntentAssertions} checks what was enqueued. The architecture rules
 * that catch code bypassing airlock are in {@code io.airlock.testing.arch} (they need ArchUnit).
 */
package io.airlock.testing;
