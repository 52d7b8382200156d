package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * Extraction takes any response text: it never throws, and what it returns is text of the response (a box's
 * content, trimmed), never something it made up.
 */
class BoxedAnswerFuzzTest {

    @DictionaryEntries({"\\boxed{", "\\fbox{", "\\boxed ", "}", "{", "\\{", "\\}", "\\\\", "$"})
    @FuzzTest(maxDuration = "60s")
    void shouldExtractTextOfTheResponseOrNothing(String response) {
        Optional<String> boxed = BoxedAnswer.extractLast(response);

        boxed.ifPresent(content -> assertTrue(response.contains(content),
                () -> "extracted '" + content + "' is not in the response"));
    }
}
