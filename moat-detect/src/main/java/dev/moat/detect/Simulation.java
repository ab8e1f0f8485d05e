package dev.moat.detect;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A planned scenario: its organisations with their labels, and the time-ordered stream of its events.
 *
 * <p>The stream merges the clients' own schedules with a priority queue keyed by each client's next
 * request time (ties broken by the client's position in the plan, which keeps the order
 * deterministic). Only the clients are held; events are made one at a time as they are taken, so a
 * million-event stream costs no more memory than a thousand-event one. The events can be taken once;
 * a Simulation is for one consumer thread.
 */
public final class Simulation implements Iterator<SimulatedEvent> {

    private final Scenario scenario;
    private final SimulationSettings settings;
    private final List<SimulatedOrg> orgs;
    private final PriorityQueue<TrafficSource> due;
    private final long end;
    private long emitted;

    Simulation(Scenario scenario, SimulationSettings settings, List<SimulatedOrg> orgs, List<TrafficSource> sources,
               long end) {
        this.scenario = scenario;
        this.settings = settings;
        this.orgs = List.copyOf(orgs);
        this.end = end;
        this.due = new PriorityQueue<>(Math.max(1, sources.size()),
                Comparator.comparingLong(TrafficSource::nextMillis).thenComparingInt(TrafficSource::index));
        for (TrafficSource source : sources) {
            if (source.nextMillis() < end) {
                due.add(source);
            }
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** Every organisation of the scenario with its ground truth, ordered by sign-up time. */
    public List<SimulatedOrg> orgs() {
        return orgs;
    }

    public List<OrgProfile> profiles() {
        return orgs.stream().map(SimulatedOrg::profile).toList();
    }

    /** Clients still scheduled to send: the simulator's whole state besides the organisation list. */
    public int activeClients() {
        return due.size();
    }

    /** Events handed out so far. */
    public long emitted() {
        return emitted;
    }

    @Override
    public boolean hasNext() {
        return !due.isEmpty();
    }

    @Override
    public SimulatedEvent next() {
        TrafficSource source = due.poll();
        if (source == null) {
            throw new NoSuchElementException("the simulation has no more events");
        }
        SimulatedEvent event = source.emit();
        if (source.nextMillis() < end) {
            due.add(source);
        }
        emitted++;
        return settings.content() ? event
                : new SimulatedEvent(event.event().withoutContent(), event.campaignId());
    }

    /** The remaining events as a sequential stream. */
    public Stream<SimulatedEvent> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
