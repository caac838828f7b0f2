package io.airlock.it.health;

import io.airlock.Airlock;
import io.airlock.it.support.Journal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Turns the ledger down or up, and enqueues a durable intent for it. */
@Path("health")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class HealthResource {

    @Inject
    Airlock airlock;

    @Inject
    Ledger ledger;

    @Inject
    Journal journal;

    @POST
    @Path("ledger/{down}")
    public String ledger(@PathParam("down") boolean down) {
        ledger.down(down);
        return "down=" + down;
    }

    @POST
    @Path("book/{key}")
    public String book(@PathParam("key") String key) {
        return airlock.call(() -> airlock.enqueue(Ledger::book, key)).id();
    }

    @Inject
    @org.eclipse.microprofile.health.Readiness
    jakarta.enterprise.inject.Instance<org.eclipse.microprofile.health.HealthCheck> checks;

    @GET
    @Path("checks")
    public String checks() {
        StringBuilder b = new StringBuilder();
        checks.forEach(c -> b.append(c.getClass().getName()).append(' '));
        return b.toString();
    }

    @GET
    @Path("ran/{key}")
    public String ran(@PathParam("key") String key) {
        return Boolean.toString(journal.ran(key));
    }
}
