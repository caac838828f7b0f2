package io.airlock.it.durable;

import io.airlock.Airlock;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A request whose task fails after its work is done: the answer stays 200, the failure goes to the store. */
@Path("durable")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class DurableResource {

    @Inject
    Airlock airlock;

    @Inject
    Bookkeeping bookkeeping;

    @POST
    @Path("failing/{key}")
    public String failing(@PathParam("key") String key) {
        bookkeeping.failFor(key, true);
        return airlock.call(() -> airlock.enqueue(Bookkeeping::book, key)).id();
    }
}
