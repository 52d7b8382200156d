package io.rollstream.grader.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates an answer from the words around it: {@code \text{...}} blocks and unit words after a number
 * are dropped ({@code 5.4 \text{ cents}}, {@code 864 inches^2}), while answers that are words (a name,
 * a choice such as {@code \text{(C)}}) keep them without the command.
 */
final class UnitText {

    private static final Set<String> UNIT_WORDS = Set.of(
            "cm", "centimeter", "centimeters", "centimetre", "centimetres", "mm", "millimeter", "millimeters",
            "meter", "meters", "metre", "metres", "km", "kilometer", "kilometers", "kilometre", "kilometres",
            "inch", "inches", "ft", "foot", "feet", "yard", "yards", "yd", "mile", "miles", "mph", "kmh",
            "square", "sq", "cubic", "unit", "units", "degree", "degrees", "deg", "radian", "radians",
            "second", "seconds", "sec", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
            "day", "days", "week", "weeks", "month", "months", "year", "years", "dollar", "dollars",
            "cent", "cents", "euro", "euros", "pound", "pounds", "lb", "lbs", "ounce", "ounces", "oz",
            "gram", "grams", "kg", "kilogram", "kilograms", "liter", "liters", "litre", "litres", "ml",
            "gallon", "gallons", "percent", "people", "person", "students", "points", "ways", "times");

    private static final Pattern CHOICE_TEXT = Pattern.compile("\\(?[A-E]\\)?");
    private static final Pattern UNIT_POWER = Pattern.compile("\\^\\{?[23]\\}?$");

    private UnitText() {
    }

    static String strip(String s) {
        return dropTrailingUnits(texts(s).trim());
    }

    /**
     * {@code \text{...}} next to a number is a unit and goes; an answer that is only text (a name, a
     * choice such as {@code \text{(C)}}) keeps the words without the command.
     */
    private static String texts(String s) {
        List<int[]> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf("\\text{", from);
            if (at < 0) {
                break;
            }
            int open = at + "\\text".length();
            int close = BoxedAnswer.matchingBrace(s, open);
            if (close < 0) {
                break;
            }
            blocks.add(new int[] {at, open, close});
            from = close + 1;
        }
        if (blocks.isEmpty()) {
            return s;
        }
        StringBuilder without = new StringBuilder();
        StringBuilder unwrapped = new StringBuilder();
        int last = 0;
        boolean keepWords = false;
        for (int[] block : blocks) {
            String content = s.substring(block[1] + 1, block[2]);
            String word = content.trim().toLowerCase(Locale.ROOT);
            without.append(s, last, block[0]);
            unwrapped.append(s, last, block[0]);
            if (word.equals("and") || word.equals("or")) {
                unwrapped.append(',');
                keepWords = true;
            } else {
                unwrapped.append(content);
            }
            keepWords |= CHOICE_TEXT.matcher(content.trim()).matches();
            last = block[2] + 1;
            // A unit may carry a power: 15\text{ cm}^2.
            Matcher power = UNIT_POWER.matcher(s.substring(last, Math.min(s.length(), last + 4)));
            if (power.find() && power.start() == 0) {
                last += power.end();
            }
        }
        without.append(s, last, s.length());
        unwrapped.append(s, Math.min(last, s.length()), s.length());
        String rest = without.toString().trim();
        String joined = unwrapped.toString();
        // Connectives ({@code 3 \text{ and } 5}) join answers and a choice ({@code \textbf{(C)} 12}) is
        // the answer itself; neither is a unit to drop.
        boolean hasNumber = rest.chars().anyMatch(Character::isDigit);
        return hasNumber && !keepWords ? rest : joined;
    }

    /** Drops unit words after a number: {@code 5.4 cents}, {@code 864 inches^2}, {@code 12cm}. */
    private static String dropTrailingUnits(String s) {
        String t = s;
        Matcher power = UNIT_POWER.matcher(t);
        String withoutPower = power.find() ? t.substring(0, power.start()) : t;
        int end = withoutPower.length();
        int start = end;
        while (start > 0 && (isAsciiLetter(withoutPower.charAt(start - 1)) || withoutPower.charAt(start - 1) == ' ')) {
            start--;
        }
        String words = withoutPower.substring(start, end).trim();
        if (words.isEmpty() || start == 0) {
            return s;
        }
        String before = withoutPower.substring(0, start);
        char previous = before.charAt(before.length() - 1);
        boolean afterNumber = Character.isDigit(previous) || previous == '}' || previous == ')';
        boolean spaced = previous == ' ' || withoutPower.charAt(start) == ' ';
        for (String word : words.split(" +")) {
            String w = word.toLowerCase(Locale.ROOT);
            if (!UNIT_WORDS.contains(w) || (w.length() < 2)) {
                return s;
            }
        }
        if (before.endsWith("\\")) {
            return s;
        }
        String trimmedBefore = before.trim();
        if (trimmedBefore.isEmpty() || !(afterNumber || spaced)) {
            return s;
        }
        char last = trimmedBefore.charAt(trimmedBefore.length() - 1);
        return Character.isDigit(last) || last == '}' || last == ')' ? trimmedBefore : s;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
