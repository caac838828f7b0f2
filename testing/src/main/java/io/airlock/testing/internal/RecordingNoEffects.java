package io.airlock.testing.internal;

import io.airlock.Intent;
import io.airlock.policy.AssertNoEffects;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link AssertNoEffects} that also remembers what it refused, so that a caught violation still fails the test. */
public final class RecordingNoEffects extends AssertNoEffects {

    private final List<Intent> refused = new CopyOnWriteArrayList<>();

    @Override
    public void onEnqueue(Intent intent) {
        refused.add(intent);
        super.onEnqueue(intent);
    }

    /** The intents refused so far, in order. */
    public List<Intent> refused() {
        return List.copyOf(refused);
    }
}
