package io.airlock.testing;

import static io.airlock.testing.IntentAssertions.assertThat;
import static io.airlock.testing.IntentAssertions.assertThatIntents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Scope;
import io.airlock.testing.fixtures.Checkout;
import io.airlock.testing.fixtures.Mailer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

@AirlockTest
class IntentAssertionsTest {

    private static final String LISTING = "3 intent(s):\n  1. reserveStock(42)\n  2. sendConfirmation(42, \"a@b.c\")\n  3. sendReminder(42)";

    @BeforeEach
    void checkoutAndRemind() {
        new Checkout().complete(42L, "a@b.c");
        Airlock.get().origin("reminders").enqueue(Mailer::sendReminder, 42L);
    }

    @Test
    void passingAssertionsChain(Intents intents) {
        assertThat(intents)
                .hasSize(3)
                .containsExactlyInOrder("reserveStock", "sendConfirmation", "sendReminder")
                .containsExactlyInAnyOrder("sendReminder", "reserveStock", "sendConfirmation")
                .containsInOrder("reserveStock", "sendReminder")
                .contains("sendReminder", "reserveStock")
                .hasNoIntent("refund")
                .hasIntent("sendConfirmation").withArgs(42L, "a@b.c").once()
                .and().hasIntent("sendReminder").withOrigin("reminders").times(1);
    }

    @Test
    void aScopeAndAListCanBeAssertedOnToo(Scope scope) {
        assertThat(scope).hasSize(3);
        assertThatIntents(scope.intents()).containsInOrder("sendConfirmation", "sendReminder");
        assertThatIntents(List.of()).isEmpty();
    }

    @Test
    void hasIntentNarrowsByArguments(Intents intents) {
        Airlock.get().enqueue(Mailer::sendReminder, 43L);

        assertThat(intents).hasIntent("sendReminder").times(2).and().hasIntent("sendReminder").withArgs(43L).once();
        assertEquals(43L, assertThat(intents).hasIntent("sendReminder").withArgs(43L).intents().get(0).args().get(0));
    }

    /** A task target with array and nullable parameters. */
    public static class Lists {
        public void names(String[] names) {
        }

        public void pair(String a, String b) {
        }

        public void grid(int[][] cells) {
        }

        public void maybe(String value) {
        }
    }

    @Test
    void anArrayArgumentIsComparedByTypeAndElementsAndShownByThem(Intents intents) {
        Airlock.get().enqueue(Lists::names, new String[] {"a", "b"});
        Airlock.get().enqueue(Lists::grid, new int[][] {{1, 2}, {3}});

        assertThat(intents).hasIntent("names").withArgs((Object) new String[] {"a", "b"}).once();
        assertThat(intents).hasIntent("grid").withArgs((Object) new int[][] {{1, 2}, {3}}).once();
        AssertionFailedError otherType = assertThrows(AssertionFailedError.class,
                () -> assertThat(intents).hasIntent("names").withArgs((Object) new Object[] {"a", "b"}));
        assertTrue(otherType.getMessage().contains("Expected an intent names([a, b]) but the 'names' intents were [names([a, b])]"),
                otherType.getMessage());
        assertTrue(intents.list().toString().contains("grid([[1, 2], [3]])"), intents.list().toString());
    }

    @Test
    void anArraySpreadAsTheArgumentsIsNotOneArrayArgument(Intents intents) {
        Airlock.get().enqueue(Lists::pair, "a", "b");
        Airlock.get().enqueue(Lists::names, new String[] {"a", "b"});

        assertThat(intents).hasIntent("pair").withArgs(new String[] {"a", "b"}).once(); // varargs: the array is the arguments
        assertThrows(AssertionFailedError.class, () -> assertThat(intents).hasIntent("pair").withArgs((Object) new String[] {"a", "b"}));
    }

    @Test
    void aNullArgumentAndNoOriginCanBeExpected(Intents intents) {
        Airlock.get().enqueue(Lists::maybe, (String) null);

        assertThat(intents).hasIntent("maybe").withArgs(null).once();
        assertThat(intents).hasIntent("maybe").withArgs((Object) null).withOrigin(null).once();
        assertThat(intents).hasIntent("sendReminder").withOrigin("reminders").once();
        assertThrows(AssertionFailedError.class, () -> assertThat(intents).hasIntent("sendReminder").withOrigin(null));
    }

    @Test
    void isEmptyListsWhatWasThere(Intents intents) {
        assertFailure(() -> assertThat(intents).isEmpty(), "Expected no intents but found " + LISTING);
    }

    @Test
    void hasSizeListsWhatWasThere(Intents intents) {
        assertFailure(() -> assertThat(intents).hasSize(2), "Expected 2 intent(s) but found " + LISTING);
    }

    @Test
    void containsExactlyInOrderFailsOnOrderOnMissingAndOnExtra(Intents intents) {
        String listing = ", in this order, but found " + LISTING;
        assertFailure(() -> assertThat(intents).containsExactlyInOrder("sendConfirmation", "reserveStock", "sendReminder"),
                "Expected exactly the intents [sendConfirmation, reserveStock, sendReminder]" + listing);
        assertFailure(() -> assertThat(intents).containsExactlyInOrder("reserveStock", "sendConfirmation"),
                "Expected exactly the intents [reserveStock, sendConfirmation]" + listing);
        assertFailure(() -> assertThat(intents).containsExactlyInOrder("reserveStock", "sendConfirmation", "sendReminder", "refund"),
                "Expected exactly the intents [reserveStock, sendConfirmation, sendReminder, refund]" + listing);
    }

    @Test
    void containsExactlyInAnyOrderCountsNames(Intents intents) {
        assertFailure(() -> assertThat(intents).containsExactlyInAnyOrder("reserveStock", "sendConfirmation", "sendConfirmation"),
                "Expected exactly the intents [reserveStock, sendConfirmation, sendConfirmation], in any order, but found " + LISTING);
    }

    @Test
    void containsInOrderSaysWhereTheOrderBroke(Intents intents) {
        assertFailure(() -> assertThat(intents).containsInOrder("sendConfirmation", "reserveStock"),
                "Expected the intents [sendConfirmation, reserveStock] in this order (others may come between), "
                        + "but after [sendConfirmation] no 'reserveStock' followed. Found " + LISTING);
    }

    @Test
    void containsCountsRepeatedNames(Intents intents) {
        assertFailure(() -> assertThat(intents).contains("sendReminder", "sendReminder"),
                "Expected 2 times 'sendReminder' but found it once among " + LISTING);
    }

    @Test
    void hasIntentAndHasNoIntentName(Intents intents) {
        assertFailure(() -> assertThat(intents).hasIntent("refund"), "Expected an intent 'refund' but found " + LISTING);
        assertFailure(() -> assertThat(intents).hasNoIntent("sendReminder"),
                "Expected no intent 'sendReminder' but found once: [sendReminder(42)]. All " + LISTING);
    }

    @Test
    void withArgsShowsTheIntentsOfThatName(Intents intents) {
        assertFailure(() -> assertThat(intents).hasIntent("sendConfirmation").withArgs(42L, "x@y.z"),
                "Expected an intent sendConfirmation(42, \"x@y.z\") but the 'sendConfirmation' intents were [sendConfirmation(42, \"a@b.c\")]. All "
                        + LISTING);
    }

    @Test
    void withArgsExplainsAnIntegerThatShouldHaveBeenALong(Intents intents) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertThat(intents).hasIntent("sendReminder").withArgs(42));

        assertTrue(failure.getMessage().contains("Argument 1 looks equal but differs in type: expected 42 (Integer), enqueued 42 (Long)."),
                failure.getMessage());
    }

    @Test
    void timesAndWithOriginSayWhatTheyFound(Intents intents) {
        assertFailure(() -> assertThat(intents).hasIntent("sendConfirmation").withArgs(42L, "a@b.c").times(2),
                "Expected sendConfirmation(42, \"a@b.c\") 2 times but found it once among " + LISTING);
        assertFailure(() -> assertThat(intents).hasIntent("sendConfirmation").withOrigin("checkout"),
                "Expected an intent sendConfirmation with origin 'checkout' but their origins were [(none)]. All " + LISTING);
    }

    @Test
    void theViewIsLive(Intents intents) {
        IntentsAssert assertion = assertThat(intents);
        assertion.hasNoIntent("refund");

        Airlock.get().named("refund").enqueue(Mailer::sendReminder, 42L);

        assertThrows(AssertionFailedError.class, () -> assertion.hasNoIntent("refund"));
    }

    private static void assertFailure(Executable assertion, String expectedMessage) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, assertion);
        assertEquals(expectedMessage, failure.getMessage());
    }
}
