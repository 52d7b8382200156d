package io.rollstream.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldReadInstantsDurationsAgoEpochMillisAndKeywords() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), AuditTime.parse("2026-01-01T00:00:00Z", NOW));
        assertEquals(NOW.minusSeconds(3600), AuditTime.parse("-1h", NOW));
        assertEquals(NOW.minusSeconds(1800), AuditTime.parse("-30m", NOW));
        assertEquals(NOW.minusSeconds(2 * 86400), AuditTime.parse("-2d", NOW));
        assertEquals(NOW.minusSeconds(3600), AuditTime.parse("PT1H", NOW));
        assertEquals(NOW.minusSeconds(3600), AuditTime.parse("-PT1H", NOW));
        assertEquals(Instant.ofEpochMilli(1767225600000L), AuditTime.parse("1767225600000", NOW));
        assertEquals(Instant.EPOCH, AuditTime.parse("earliest", NOW));
        assertEquals(NOW, AuditTime.parse("NOW", NOW));
    }

    @Test
    void shouldRejectUnreadableTimesNamingTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditTime.parse("yesterday", NOW));
        assertTrue(e.getMessage().contains("accepted:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditTime.parse("-1y", NOW));
    }
}
