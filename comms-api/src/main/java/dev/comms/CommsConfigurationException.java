package dev.comms;

import java.util.List;

/**
 * The facade was wired or configured wrongly: an unknown provider, a missing or malformed setting,
 * two providers for one channel with no choice between them. Every problem found is listed at once.
 *
 * <p>Deliberately not a {@link CommsException}: this is a mistake to fix before going live, not an
 * outcome a caller handles per message.
 */
public class CommsConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Every problem found, each a sentence with its fix. */
    private final List<String> problems;

    /**
     * Creates the exception from a list of problems, each a sentence with its fix.
     *
     * @param problems the problems found; at least one
     */
    public CommsConfigurationException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Creates the exception for one problem.
     *
     * @param problem the problem, with its fix
     */
    public CommsConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** @return every problem found, in the order found; never empty */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        if (problems.size() == 1) {
            return "Comms is misconfigured: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("Comms is misconfigured (" + problems.size() + " problems):");
        for (String p : problems) {
            sb.append("\n - ").append(p);
        }
        return sb.toString();
    }
}
