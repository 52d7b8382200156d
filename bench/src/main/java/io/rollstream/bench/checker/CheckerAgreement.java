package io.rollstream.bench.checker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How often two checkers give the same verdict on a corpus, and where they differ: one class per rewriting
 * and per side that accepted, each with its count and its first pair as the example.
 *
 * @param pairs       pairs compared
 * @param agreed      pairs on which both checkers gave the same verdict
 * @param oursAsMeant pairs on which our verdict is the one the rewriting meant (equal for a rewriting, not
 *                    equal for a near miss)
 * @param anchorAsMeant the same for the anchor checker
 * @param classes     the disagreements, largest class first
 */
public record CheckerAgreement(int pairs, int agreed, int oursAsMeant, int anchorAsMeant, List<Disagreement> classes) {

    public CheckerAgreement {
        classes = List.copyOf(classes);
    }

    /**
     * Pairs of one rewriting on which only one checker said equal.
     *
     * @param rewriting the rewriting the pairs were written with
     * @param oursAccepts true when our checker said equal and the anchor not, false the other way round
     * @param count     how many pairs
     * @param example   the first such pair of the corpus
     */
    public record Disagreement(Rewriting rewriting, boolean oursAccepts, int count, AnswerPair example) {
        public Disagreement {
            Objects.requireNonNull(rewriting, "rewriting");
            Objects.requireNonNull(example, "example");
        }

        /** The class's name as reported and as the README explains it: {@code rounded / math-verify accepts}. */
        public String name() {
            return rewriting.label() + " / " + (oursAccepts ? "ours accepts" : "math-verify accepts");
        }
    }

    /** Share of pairs with the same verdict from both checkers, in percent. */
    public double agreementPercent() {
        return pairs == 0 ? 0 : 100.0 * agreed / pairs;
    }

    /**
     * Compares the verdicts ({@code true} = equal) of our checker and the anchor on every pair; a pair missing
     * from either map is an error in the caller, not a disagreement.
     */
    public static CheckerAgreement of(List<AnswerPair> corpus, Map<String, Boolean> ours, Map<String, Boolean> anchor) {
        Map<String, Disagreement> classes = new LinkedHashMap<>();
        int agreed = 0;
        int oursAsMeant = 0;
        int anchorAsMeant = 0;
        for (AnswerPair pair : corpus) {
            boolean our = verdict(ours, pair, "ours");
            boolean their = verdict(anchor, pair, "the anchor's");
            oursAsMeant += our == pair.meantEqual() ? 1 : 0;
            anchorAsMeant += their == pair.meantEqual() ? 1 : 0;
            if (our == their) {
                agreed++;
                continue;
            }
            Disagreement found = new Disagreement(pair.rewriting(), our, 1, pair);
            classes.merge(found.name(), found,
                    (old, next) -> new Disagreement(old.rewriting(), old.oursAccepts(), old.count() + 1, old.example()));
        }
        List<Disagreement> sorted = new ArrayList<>(classes.values());
        sorted.sort(Comparator.comparingInt(Disagreement::count).reversed().thenComparing(Disagreement::name));
        return new CheckerAgreement(corpus.size(), agreed, oursAsMeant, anchorAsMeant, sorted);
    }

    private static boolean verdict(Map<String, Boolean> verdicts, AnswerPair pair, String whose) {
        Boolean v = verdicts.get(pair.id());
        if (v == null) {
            throw new IllegalArgumentException("no verdict of " + whose + " for pair " + pair.id());
        }
        return v;
    }
}
