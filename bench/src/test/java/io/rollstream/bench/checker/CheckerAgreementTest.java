package io.rollstream.bench.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckerAgreementTest {

    private static AnswerPair pair(String id, Rewriting rewriting) {
        return new AnswerPair(id, "math500", rewriting, "\\boxed{" + id + "}", "t");
    }

    @Test
    void shouldCountAgreementAndGroupDisagreementsByRewritingAndSide() {
        List<AnswerPair> corpus = List.of(pair("a", Rewriting.IDENTITY), pair("b", Rewriting.DECIMAL),
                pair("c", Rewriting.DECIMAL), pair("d", Rewriting.ROUNDED), pair("e", Rewriting.ROUNDED),
                pair("f", Rewriting.DECIMAL));
        // a: both equal; b, c: only ours; d: only math-verify; e: both not equal; f: only math-verify.
        Map<String, Boolean> ours = Map.of("a", true, "b", true, "c", true, "d", false, "e", false, "f", false);
        Map<String, Boolean> anchor = Map.of("a", true, "b", false, "c", false, "d", true, "e", false, "f", true);

        CheckerAgreement agreement = CheckerAgreement.of(corpus, ours, anchor);

        assertEquals(6, agreement.pairs());
        assertEquals(2, agreement.agreed());
        assertEquals(100.0 * 2 / 6, agreement.agreementPercent(), 1e-9);
        // As meant: a, b, c, f are rewritings (equal meant), d, e near misses (not equal meant).
        // Ours: a, b, c right, f wrong, d, e right = 5. Math-verify: a, f right, b, c wrong, d wrong, e right = 3.
        assertEquals(5, agreement.oursAsMeant());
        assertEquals(3, agreement.anchorAsMeant());
        assertEquals(List.of("fraction-as-decimal / ours accepts", "fraction-as-decimal / math-verify accepts",
                        "rounded / math-verify accepts"),
                agreement.classes().stream().map(CheckerAgreement.Disagreement::name).toList());
        assertEquals(List.of(2, 1, 1), agreement.classes().stream().map(CheckerAgreement.Disagreement::count).toList());
        assertEquals("b", agreement.classes().get(0).example().id());
    }

    @Test
    void shouldRefuseAPairWithoutAVerdict() {
        List<AnswerPair> corpus = List.of(pair("a", Rewriting.IDENTITY));
        assertThrows(IllegalArgumentException.class, () -> CheckerAgreement.of(corpus, Map.of("a", true), Map.of()));
    }
}
