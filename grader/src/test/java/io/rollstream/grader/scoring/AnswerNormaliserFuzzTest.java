package io.rollstream.grader.scoring;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Normalisation and reading the answer's structure take any boxed text: the only exception they may raise is
 * {@link LatexExpression.SyntaxException} (the checker turns it into Wrong, or Unscorable for a bound); any
 * other throwable would reach the checker's last-resort catch as "checker failed".
 */
class AnswerNormaliserFuzzTest {

    @DictionaryEntries({"\\frac", "\\dfrac", "\\sqrt", "\\left", "\\right", "\\text{", "\\mathrm{", "^\\circ",
        "\\%", "\\{", "\\}", "\\cup", "\\pm", "\\in", "\\begin{pmatrix}", "\\end{pmatrix}", "\\\\", "&", "x=",
        "\\,", "\\!", "\\quad", "(C)", "1,000", "0.50", "\\pi", "\\infty"})
    @FuzzTest(maxDuration = "60s")
    void shouldNormaliseAnyAnswerOrRefuseItAsSyntax(@NotNull String answer) {
        try {
            String normalised = AnswerNormaliser.normalise(answer);
            AnswerShape.of(normalised);
        } catch (LatexExpression.SyntaxException refused) {
            // the documented refusal
        }
    }
}
