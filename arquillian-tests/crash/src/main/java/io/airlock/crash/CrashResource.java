package io.airlock.crash;

import io.airlock.store.DurableIntents;
import io.airlock.store.IntentState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/** What the test drives over HTTP: arm a crash point, place orders, read the state while the server runs. */
@Path("crash")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class CrashResource {

    @Inject
    Holds holds;
    @Inject
    Orders orders;
    @Inject
    Db db;
    @Inject
    DurableIntents durable;

    @POST
    @Path("arm/{point}")
    public String arm(@PathParam("point") CrashPoint point) {
        holds.arm(point);
        return point.name();
    }

    /** Answers after the dispatch that follows the commit: never, for an order held at a crash point. */
    @POST
    @Path("orders/{key}")
    public String order(@PathParam("key") String key, @QueryParam("fail") boolean fail) throws SQLException {
        return orders.place(key, fail);
    }

    /** {@code held=, rows=, failed=, orders=, finished=} for the orders whose keys start with {@code prefix}. */
    @GET
    @Path("state/{prefix}")
    public String state(@PathParam("prefix") String prefix) throws SQLException {
        String like = prefix + "%";
        long rows = durable.pending(0, 10_000).stream().filter(i -> i.payload().contains("\"" + prefix)).count();
        long failed = durable.count(IntentState.FAILED);
        return "held=" + holds.held() + "\nrows=" + rows + "\nfailed=" + failed
                + "\norders=" + db.count("SELECT COUNT(*) FROM ORDERS WHERE ORDER_KEY LIKE ?", like)
                + "\nfinished=" + db.count("SELECT COUNT(DISTINCT ORDER_KEY) FROM RUNS WHERE PHASE = 'finished' AND ORDER_KEY LIKE ?", like) + "\n";
    }
}
