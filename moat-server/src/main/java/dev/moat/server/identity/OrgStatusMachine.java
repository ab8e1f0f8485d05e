package dev.moat.server.identity;

/**
 * The one place that says which status changes are allowed. Vetting (screening) plugs in here: an
 * organisation whose screening says {@code block} can never be approved, and one in {@code review}
 * needs an analyst's approve or reject.
 *
 * <pre>
 *   pending ──approve──► approved ──suspend──► suspended ──reinstate──► approved
 *   pending ──reject───► rejected              review ──approve/reject──► approved/rejected
 *   approved ──reject──► rejected
 * </pre>
 * 
 */
public final class OrgStatusMachine {

    private OrgStatusMachine() {
    }

    /** The screening outcome that gates approval. */
    public enum Screening { NOT_SCREENED, CLEAR, REVIEW, BLOCK }

    /**
     * The status after {@code transition}, or a {@link TransitionRefused} saying why it is not allowed.
     * Approving an organisation whose screening is still in review is an analyst's resolution of
     * that review, so it must carry a note saying why the matches were dismissed.
     */
    public static OrgStatus next(OrgStatus current, OrgTransition transition, Screening screening, boolean withNote) {
        return switch (transition) {
            case APPROVE -> {
                if (screening == Screening.BLOCK) {
                    throw new TransitionRefused("cannot approve: screening matched a restricted party (decision: block)");
                }
                if (current == OrgStatus.REVIEW && !withNote) {
                    throw new TransitionRefused("cannot approve: screening is in review; an analyst's approval must carry"
                            + " a note ({\"note\":\"why the matches are false positives\"})");
                }
                if (current == OrgStatus.PENDING || current == OrgStatus.REVIEW) {
                    yield OrgStatus.APPROVED;
                }
                throw refused(current, transition);
            }
            case REJECT -> {
                if (current == OrgStatus.PENDING || current == OrgStatus.REVIEW || current == OrgStatus.APPROVED
                        || current == OrgStatus.SUSPENDED) {
                    yield OrgStatus.REJECTED;
                }
                throw refused(current, transition);
            }
            case SUSPEND -> {
                if (current == OrgStatus.APPROVED) {
                    yield OrgStatus.SUSPENDED;
                }
                throw refused(current, transition);
            }
            case REINSTATE -> {
                if (current != OrgStatus.SUSPENDED) {
                    throw refused(current, transition);
                }
                if (screening == Screening.BLOCK) {
                    throw new TransitionRefused("cannot reinstate: screening matched a restricted party (decision: block)");
                }
                yield OrgStatus.APPROVED;
            }
        };
    }

    /**
     * The status after the lists changed and the organisation was screened again: a new {@code block}
     * suspends an approved organisation (its keys stop at once) and rejects one still being vetted; a new
     * {@code review} sends an approved organisation back to review. Otherwise the status stands.
     */
    public static OrgStatus afterRescreening(OrgStatus current, Screening screening) {
        if (screening == Screening.BLOCK) {
            return switch (current) {
                case APPROVED -> OrgStatus.SUSPENDED;
                case PENDING, REVIEW -> OrgStatus.REJECTED;
                default -> current;
            };
        }
        if (screening == Screening.REVIEW && (current == OrgStatus.APPROVED || current == OrgStatus.PENDING)) {
            return OrgStatus.REVIEW;
        }
        return current;
    }

    private static TransitionRefused refused(OrgStatus current, OrgTransition transition) {
        return new TransitionRefused("cannot " + transition.wireName() + " an organisation that is " + current.wireName());
    }

    /** A status change that the machine does not allow; the message says why. */
    public static final class TransitionRefused extends RuntimeException {
        public TransitionRefused(String message) {
            super(message);
        }
    }
}
