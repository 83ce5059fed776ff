package com.fruitfulplanet.sync1c;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The exchange with the shop's 1C:Enterprise back office over CommerceML, and the JSON partner API. */
@SpringBootApplication
public class Sync1cServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(Sync1cServiceApplication.class, args);
    }
}
