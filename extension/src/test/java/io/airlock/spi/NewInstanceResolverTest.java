package io.airlock.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.UsageException;
import org.junit.jupiter.api.Test;

class NewInstanceResolverTest {

    public static class PublicTarget {
    }

    static final class PrivateConstructor {
        static int created;

        private PrivateConstructor() {
            created++;
        }
    }

    public static class NeedsArgument {
        public NeedsArgument(String required) {
        }
    }

    public static class FailingConstructor {
        public FailingConstructor() {
            throw new IllegalStateException("no mail server configured");
        }
    }

    public abstract static class Abstract {
    }

    @Test
    void everyResolveCreatesANewInstance() {
        Object first = TargetResolver.NEW_INSTANCE.resolve(PublicTarget.class).instance();
        Object second = TargetResolver.NEW_INSTANCE.resolve(PublicTarget.class).instance();
        assertSame(PublicTarget.class, first.getClass());
        assertNotSame(first, second);
    }

    @Test
    void aPrivateNoArgumentConstructorIsUsed() {
        int before = PrivateConstructor.created;
        PrivateConstructor target = TargetResolver.NEW_INSTANCE.resolve(PrivateConstructor.class).instance();
        assertSame(PrivateConstructor.class, target.getClass());
        assertEquals(before + 1, PrivateConstructor.created);
    }

    @Test
    void aTypeWithoutNoArgumentConstructorFailsNamingTheTypeAndTheFix() {
        UsageException e = assertThrows(UsageException.class, () -> TargetResolver.NEW_INSTANCE.resolve(NeedsArgument.class));
        assertTrue(e.getMessage().contains(NeedsArgument.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("no-argument constructor"), e.getMessage());
        // and again: a failed look-up is not cached as a success
        assertThrows(UsageException.class, () -> TargetResolver.NEW_INSTANCE.resolve(NeedsArgument.class));
    }

    @Test
    void anAbstractTypeCannotBeCreated() {
        UsageException e = assertThrows(UsageException.class, () -> TargetResolver.NEW_INSTANCE.resolve(Abstract.class));
        assertTrue(e.getMessage().contains(Abstract.class.getName()), e.getMessage());
    }

    @Test
    void aConstructorsOwnFailureReachesTheCallerUnchanged() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TargetResolver.NEW_INSTANCE.resolve(FailingConstructor.class));
        assertEquals("no mail server configured", e.getMessage());
    }
}
