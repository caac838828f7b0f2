/**
 * ArchUnit rules that catch code bypassing airlock: {@link io.airlock.testing.arch.AirlockRules}. This
 * package needs ArchUnit on the test classpath; the rest of airlock-testing does not.
 */
package io.airlock.testing.arch;
