package io.keyroute.guardrails.pii;

import io.keyroute.guardrails.Detector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The PII detectors by the entity type config names them with ({@code entities: [email, phone, …]}). */
public final class PiiDetectors {
    private PiiDetectors() {}

    private static final Map<String, Supplier<List<Detector>>> BY_ENTITY = entities();

    private static Map<String, Supplier<List<Detector>>> entities() {
        Map<String, Supplier<List<Detector>>> entities = new LinkedHashMap<>();
        entities.put("email", () -> List.of(EmailAddresses.detector()));
        entities.put("phone", () -> List.of(PhoneNumbers.detector()));
        entities.put("credit_card", () -> List.of(PaymentCards.detector()));
        entities.put("iban", () -> List.of(Ibans.detector()));
        entities.put("ssn", () -> List.of(NationalIds.ssn()));
        entities.put("uk_nino", () -> List.of(NationalIds.ukNino()));
        entities.put("ip_address", () -> List.of(IpAddresses.v4(), IpAddresses.v6()));
        return entities;
    }

    /** Every entity type there is a detector for, in a stable order. */
    public static Set<String> entityTypes() {
        return BY_ENTITY.keySet();
    }

    /** The detectors of the given entity types; an unknown type is refused with the known ones named. */
    public static List<Detector> forEntities(Collection<String> entityTypes) {
        for (String entityType : entityTypes) {
            if (!BY_ENTITY.containsKey(entityType)) {
                throw new IllegalArgumentException(
                        "unknown PII entity type '" + entityType + "'; known: " + String.join(", ", entityTypes()));
            }
        }
        // In this class's order, whatever the config's: overlap ties are then settled the same way.
        List<Detector> detectors = new ArrayList<>();
        BY_ENTITY.forEach((entityType, made) -> {
            if (entityTypes.contains(entityType)) {
                detectors.addAll(made.get());
            }
        });
        return detectors;
    }

    /** All of them. */
    public static List<Detector> all() {
        return forEntities(entityTypes());
    }
}
