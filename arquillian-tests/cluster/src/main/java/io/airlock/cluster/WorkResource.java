package io.airlock.cluster;

import io.airlock.Airlock;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/**
 * {@code POST api/work/{batch}?n=N&sleep=MS}: one transaction, and in it a REQUESTS row for the batch and one
 * scope that enqueues N intents of {@link Tasks#work}: the store writes them as rows of that transaction and,
 * after the commit, sends them to the queue. With {@code sleep}, the request waits that long before its commit
 * (so that an instance killed during the load has requests in flight). The answer names the instance.
 */
@Path("work")
@RequestScoped
public class WorkResource {

    @Inject
    Airlock airlock;

    @Inject
    Runs runs;

    @POST
    @Transactional
    @Path("{batch}")
    @Produces(MediaType.TEXT_PLAIN)
    public String work(@PathParam("batch") String batch, @QueryParam("n") int n, @QueryParam("sleep") long sleep)
            throws SQLException, InterruptedException {
        String node = Runs.node();
        runs.request(batch, n);
        airlock.run(() -> {
            for (int i = 0; i < n; i++) {
                airlock.enqueue(Tasks::work, batch, i, node);
            }
        });
        if (sleep > 0) {
            Thread.sleep(sleep);
        }
        return node;
    }

    /** Answers once the application is deployed: the test waits for it. */
    @GET
    @Path("node")
    @Produces(MediaType.TEXT_PLAIN)
    public String node() {
        return Runs.node();
    }
}
