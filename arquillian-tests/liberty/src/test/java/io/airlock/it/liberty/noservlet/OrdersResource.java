package io.airlock.it.liberty.noservlet;

import io.airlock.Airlock;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("orders")
@RequestScoped
public class OrdersResource {

    @Inject
    Orders orders;
    @Inject
    Mailer mailer;
    @Inject
    Airlock airlock;

    @POST
    @Path("{customer}")
    public String place(@PathParam("customer") String customer) {
        orders.place(customer);
        return "placed";
    }

    /** Without the servlet API a request has no scope of its own: enqueue outside @Airlocked fails. */
    @POST
    @Path("unscoped/{customer}")
    public String unscoped(@PathParam("customer") String customer) {
        try {
            airlock.enqueue(Mailer::send, customer);
            return "enqueued";
        } catch (io.airlock.NoScopeException expected) {
            return "no scope";
        }
    }

    @GET
    @Path("sent")
    public String sent() {
        return String.join(",", mailer.sent());
    }
}
