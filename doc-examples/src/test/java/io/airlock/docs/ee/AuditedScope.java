package io.airlock.docs.ee;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.Scope;
import java.util.List;
import java.util.logging.Logger;

/** docs/migrating-from-python.md: the scope type of a whole application, the original's SCOPE setting. */
// tag::scopeClass[]
public class AuditedScope extends Scope {                       // airlock.scope-factory=com.example.shop.AuditedScope
    private static final Logger LOG = Logger.getLogger("shop.audit");

    public AuditedScope(Policy policy, IntentExecutor executor) {  // the policy and executor of each scope
        super(policy, executor);
    }

    @Override
    protected void dispatch(List<Intent> intents) {
        LOG.info(() -> "dispatching " + intents);
        super.dispatch(intents);
    }
}
// end::scopeClass[]
