package io.airlock.docs.shop;

import io.airlock.AirlockTask;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends emails: a side effect. Here it records the call instead of talking to an SMTP server. */
// tag::mailer[]
@ApplicationScoped
public class Mailer {
    @AirlockTask                                   // or on the class: all its public methods
    public void sendConfirmation(Long orderId, String to) {
        // send the email
        // end::mailer[]
        Calls.record("sendConfirmation(" + orderId + ", " + to + ")");
        // tag::mailer[]
    }
    // end::mailer[]

    @AirlockTask
    public void sendReminder(Long orderId) {
        Calls.record("sendReminder(" + orderId + ")");
    }

    /** Overloaded: a method reference to it needs a type witness (README, Tasks). */
    @AirlockTask
    public void notifyCustomer(Long orderId) {
        Calls.record("notifyCustomer(" + orderId + ")");
    }

    @AirlockTask
    public void notifyCustomer(Long orderId, String channel) {
        Calls.record("notifyCustomer(" + orderId + ", " + channel + ")");
    }
// tag::mailer[]
}
// end::mailer[]
