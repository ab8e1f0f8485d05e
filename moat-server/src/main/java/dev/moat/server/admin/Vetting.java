package dev.moat.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.identity.OrgStatusMachine;
import dev.moat.server.identity.Organisation;

/**
 * Screens a new organisation before it is stored. The result decides its first status (block →
 * rejected, review → review, clear → pending or approved) and is kept with it as evidence.
 */
public interface Vetting {

    /** The screening of {@code org} and its owners. */
    Result screen(Organisation org);

    /**
     * @param decision the outcome that gates approval
     * @param report   the JSON stored with the organisation and returned as {@code screening}
     *                 (at least {@code decision} and {@code matches})
     */
    record Result(OrgStatusMachine.Screening decision, ObjectNode report) {
    }
}
