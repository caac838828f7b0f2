package io.airlock.testing;

import static io.airlock.testing.IntentAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.airlock.Airlock;
import io.airlock.AirlockConfig;
import io.airlock.Scope;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.policy.DropAll;
import io.airlock.testing.fixtures.CdiMailer;
import io.airlock.testing.fixtures.Effects;
import io.airlock.testing.fixtures.OrderService;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.junit5.ExplicitParamInjection;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With weld-junit5: Weld's extension is declared first, so the container (and airlock's deployed
 * configuration) is up when the test's scope opens. The flush-side of that ordering, an allowing policy
 * dispatching to a CDI bean before the container stops, is checked in {@link ExtensionLifecycleTest}.
 * {@code @ExplicitParamInjection} keeps Weld from claiming the {@code Intents} and {@code Scope} parameters.
 */
@EnableAutoWeld
@ExplicitParamInjection
@AddExtensions(AirlockExtension.class)
@AddBeanClasses({OrderService.class, CdiMailer.class, CdiMailer.Signature.class})
@AirlockTest
class WeldIntegrationTest {

    @Inject
    OrderService orders;

    @BeforeEach
    void clean() {
        Effects.clear();
    }

    @Test
    void aBeansEnqueuesLandInTheTestsScope(Intents intents, Scope scope) {
        orders.checkout(42L, "a@b.c");

        assertThat(intents).containsExactlyInOrder("sendConfirmation").hasIntent("sendConfirmation").withArgs(42L, "a@b.c");
        assertSame(scope, Airlock.get().currentScope().orElseThrow());
        assertInstanceOf(DropAll.class, scope.policy());
        assertEquals(List.of(), Effects.happened(), "nothing ran during the test");
    }

    @Test
    void theContainersConfigurationIsInForce() {
        assertNotSame(AirlockConfig.defaults().targetResolver(), Airlock.get().configuration().targetResolver(),
                "airlock's CDI extension installed its configuration before the test");
    }
}
