package io.airlock.it.telemetry;

import io.airlock.Airlock;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Enqueues in the HTTP request's scope; the intent travels through the broker to {@link TelemetryTasksMdb}. */
@Path("telemetry")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class TelemetryResource {

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    /** Answers the intent's id. */
    @POST
    @Path("order/{key}")
    public String order(@PathParam("key") String key) {
        return airlock.enqueue(Effects::record, key).id();
    }

    @GET
    @Path("ran/{key}")
    public String ran(@PathParam("key") String key) {
        return Boolean.toString(journal.ran(key));
    }
}
