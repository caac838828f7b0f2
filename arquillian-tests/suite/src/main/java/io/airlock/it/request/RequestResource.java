package io.airlock.it.request;

import io.airlock.Airlock;
import io.airlock.AirlockRequest;
import io.airlock.Intent;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;

/** Each endpoint enqueues under the key in its path; the request's scope decides. */
@Path("req")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class RequestResource {

    @Inject
    Airlock airlock;

    @Inject
    AirlockRequest request;

    @Inject
    Journal journal;

    @Inject
    CheckoutService checkout;

    @Inject
    ViaJms viaJms;

    @GET
    @Path("status/{code}/{key}")
    public Response status(@PathParam("code") int code, @PathParam("key") String key) {
        airlock.enqueue(Effects::record, key);
        return code == 204 ? Response.noContent().build() : Response.status(code).entity("answered " + code).build();
    }

    @GET
    @Path("throw/{key}")
    public String fail(@PathParam("key") String key) {
        airlock.enqueue(Effects::record, key);
        throw new IllegalStateException("resource fails on purpose");
    }

    /** The pending intents' names, and whether anything ran yet. */
    @GET
    @Path("pending/{key}")
    public String pending(@PathParam("key") String key) {
        airlock.enqueue(Effects::record, key);
        airlock.enqueue(Effects::sendMail, key);
        return request.pendingIntents().stream().map(Intent::name).collect(Collectors.joining(",")) + "|" + journal.ran(key);
    }

    /**
     * Calls an {@code @Airlocked(executor = "jms")} method: the request's scope captures its intent, which still
     * goes through the JMS executor. Answers {@code intentId|requestThread}.
     */
    @GET
    @Path("jms/{key}")
    public String viaJms(@PathParam("key") String key) {
        return viaJms.record(key) + "|" + Thread.currentThread().getName();
    }

    /** A failed transactional checkout, caught: the client gets 200. */
    @POST
    @Path("checkout/{key}")
    public String checkout(@PathParam("key") String key) {
        airlock.enqueue(Effects::record, key + "-outside");
        try {
            checkout.checkout(key + "-failed", true);
        } catch (IllegalStateException e) {
            // answered 200 anyway
        }
        checkout.checkout(key + "-committed", false);
        return "checked out";
    }

    /** The threads the runs of {@code key} ran on, in order. */
    @GET
    @Path("threads/{key}")
    public String threads(@PathParam("key") String key) {
        return journal.runs(key).stream().map(Run::thread).collect(Collectors.joining(","));
    }

    /** The tasks that ran for {@code key}, and whether its request has finished: {@code done|task,task}. */
    @GET
    @Path("journal/{key}")
    public String journal(@PathParam("key") String key) {
        return journal.ran(RequestDone.DONE + key) + "|"
                + journal.runs(key).stream().map(Run::task).collect(Collectors.joining(","));
    }
}
