package io.airlock.docs.ee;

import io.airlock.AirlockRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

// tag::resource[]
@Path("/orders")
public class OrderResource {
    @Inject OrderService orders;
    @Inject AirlockRequest request;

    @POST
    @Path("{id}")
    public String place(@PathParam("id") long id, @QueryParam("email") String email) {
        orders.placeOrder(id, email);                    // @Airlocked: captured by the request's scope
        return "pending: " + request.pendingIntents();   // sent if the response is below 400 and their transactions commit
    }
}
// end::resource[]
