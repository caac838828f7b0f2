package io.airlock.docs.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Mailer;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/migrating-from-python.md: a scope factory set by an observer of the application's start, in Weld. */
@ExtendWith(WeldJunit5Extension.class)
class MigratingEeTest {

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(ScopeAtStartup.class, Mailer.class)).build();

    @BeforeEach
    @AfterEach
    void clean() {
        Calls.clear();
    }

    @Test
    void theObserverSetsTheScopeFactoryBeforeAnyScopeIsOpened() {
        Airlock airlock = Airlock.get();
        assertInstanceOf(AuditedScope.class, airlock.scope().create());
        airlock.run(() -> {
            assertInstanceOf(AuditedScope.class, airlock.currentScope().orElseThrow());
            airlock.enqueue(Mailer::sendReminder, 42L);
        });
        assertEquals(List.of("sendReminder(42)"), Calls.all(), "the scope type dispatches through the CDI resolver the extension installed");
    }
}
