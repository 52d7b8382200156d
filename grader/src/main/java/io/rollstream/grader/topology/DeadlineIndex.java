package io.rollstream.grader.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A time-ordered index over a key-value store: keys are {@code <kind>|<19-digit zero-padded millis>|<episode>},
 * so a range scan up to "now" returns exactly the entries that are due, oldest first. Three kinds share the
 * store: {@code T} (an open episode's attempt deadline), {@code P} (when a closed episode may be forgotten) and
 * {@code A} (when a first attempt still waiting for its prompt is dead-lettered).
 */
final class DeadlineIndex {

    static final char TIMEOUT = 'T';
    static final char PURGE = 'P';
    static final char ORPHAN = 'A';

    private final KeyValueStore<String, String> store;

    DeadlineIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    static String key(char kind, long dueMillis, String episodeId) {
        return String.format(Locale.ROOT, "%c|%019d|%s", kind, Math.max(0, dueMillis), episodeId);
    }

    void add(char kind, long dueMillis, String episodeId) {
        store.put(key(kind, dueMillis, episodeId), episodeId);
    }

    void remove(char kind, long dueMillis, String episodeId) {
        store.delete(key(kind, dueMillis, episodeId));
    }

    /** Removes and returns the episode ids of {@code kind} due at or before {@code nowMillis}, at most {@code max}. */
    List<String> takeDue(char kind, long nowMillis, int max) {
        List<String> keys = new ArrayList<>();
        List<String> due = new ArrayList<>();
        String from = kind + "|";
        String to = key(kind, nowMillis, "\uffff");
        try (KeyValueIterator<String, String> it = store.range(from, to)) {
            while (it.hasNext() && due.size() < max) {
                KeyValue<String, String> entry = it.next();
                keys.add(entry.key);
                due.add(entry.value);
            }
        }
        keys.forEach(store::delete);
        return due;
    }
}
