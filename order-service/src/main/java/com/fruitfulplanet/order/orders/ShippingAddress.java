package com.fruitfulplanet.order.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where the order goes; checked for shape only (a courier service checks deliverability). */
public record ShippingAddress(@NotBlank @Size(max = 200) String recipient,
                              @Size(max = 30) @Pattern(regexp = "\\+?[0-9 ()-]{5,30}") String phone,
                              @NotBlank @Size(max = 300) String line1,
                              @Size(max = 300) String line2,
                              @NotBlank @Size(max = 100) String city,
                              @Size(max = 100) String region,
                              @NotBlank @Size(max = 20) String postalCode,
                              @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                              String country) {
}
