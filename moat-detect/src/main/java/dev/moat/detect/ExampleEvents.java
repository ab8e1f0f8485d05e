package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A few example event ids per kind of evidence, so an analyst can open the requests behind a signal.
 * Fixed size: the latest {@value #PER_KIND} ids of each kind.
 */
final class ExampleEvents {

    static final int ELICIT = 0;
    static final int GRADER = 1;
    static final int SYSTEM_EXTRACT = 2;
    static final int PARAMETERS = 3;
    static final int LOGIT = 4;
    static final int LEAK = 5;
    static final int REFUSED = 6;
    private static final int KINDS = 7;
    static final int PER_KIND = 3;

    private final String[] ids = new String[KINDS * PER_KIND];
    private final int[] next = new int[KINDS];

    void record(EventTraits t, String eventId) {
        if (t.elicit) put(ELICIT, eventId);
        if (t.grader) put(GRADER, eventId);
        if (t.systemExtract) put(SYSTEM_EXTRACT, eventId);
        if (t.harvestParameters() && t.singleShot) put(PARAMETERS, eventId);
        if (t.logitProbe || t.manyChoices || t.softLabels) put(LOGIT, eventId);
        if (t.leakedReasoning || t.leakedSystem) put(LEAK, eventId);
        if (t.refused) put(REFUSED, eventId);
    }

    private void put(int kind, String eventId) {
        ids[kind * PER_KIND + next[kind] % PER_KIND] = eventId;
        next[kind]++;
    }

    List<String> of(int kind) {
        List<String> out = new ArrayList<>(PER_KIND);
        for (int i = 0; i < PER_KIND; i++) {
            String id = ids[kind * PER_KIND + i];
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    static final ExampleEvents NONE = new ExampleEvents();
}
