package dev.comms.spring.sample;

import dev.comms.Comms;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/** A Spring Boot application that only adds the starter and uses the Comms bean it gets. */
@SpringBootApplication
public class SampleApplication {
    /** Sends a sign-up code through whatever the Comms bean is configured with. */
    @Service
    public static class Signup {
        private final Comms comms;

        public Signup(Comms comms) {
            this.comms = comms;
        }

        public SmsReceipt start(String phone) {
            return comms.sms().send(Sms.to(phone).body("Your code is 123456").build());
        }
    }
}
