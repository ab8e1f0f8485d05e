package dev.moat.server.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.identity.OrgStatusMachine;
import dev.moat.server.identity.Organisation;

/**
 * Vetting when no restricted-party lists are configured: nothing is screened, and the result says
 * so. Such organisations stay {@code pending} until an administrator approves them by hand.
 */
public final class Unscreened implements Vetting {

    @Override
    public Result screen(Organisation org) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("decision", "not_screened");
        report.putArray("matches");
        report.put("reason", "no restricted-party lists are configured (screening.lists in moat.yaml)");
        return new Result(OrgStatusMachine.Screening.NOT_SCREENED, report);
    }
}
