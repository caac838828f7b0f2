package io.airlock;

import io.airlock.fixtures.PublicApi;
import org.junit.jupiter.api.Test;

/** The module's public types equal its committed public-api.txt (see {@link PublicApi}). */
class PublicApiTest {

    @Test
    void publicTypesEqualTheCommittedList() {
        PublicApi.check();
    }
}
