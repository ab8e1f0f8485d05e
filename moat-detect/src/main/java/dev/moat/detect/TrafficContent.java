package dev.moat.detect;

import java.util.SplittableRandom;

/** What a simulated client asks, request after request; one implementation per kind of client. */
interface TrafficContent {

    TrafficExchange next(long now, SplittableRandom random);
}
