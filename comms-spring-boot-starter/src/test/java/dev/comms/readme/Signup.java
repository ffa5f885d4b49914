package dev.comms.readme;

import dev.comms.Comms;
import dev.comms.Sms;

/** The application class the README's testkit example tests. */
final class Signup {
    private final Comms comms;

    Signup(Comms comms) {
        this.comms = comms;
    }

    void start(String phone) {
        comms.sms().send(Sms.to(phone).body("Your code is 123456").build());
    }
}
