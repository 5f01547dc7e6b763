"""The engine benchmark's reference: the same hold model in SimPy.

10 000 processes each wait an exponential delay (mean 100, rounded up to whole ticks, as in
`taosim bench engine`) and repeat, until the given number of events has fired. Prints one JSON line;
the time is the CPU time of the running thread, the clock `taosim bench engine` reads.
"""
import argparse
import json
import math
import random
import time

import simpy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--mean-delay", type=float, default=100.0)
    args = parser.parse_args()

    env = simpy.Environment()
    rng = random.Random(1)
    rate = 1.0 / args.mean_delay
    fired = 0
    done = env.event()

    def entity(env):
        nonlocal fired
        while True:
            yield env.timeout(max(1, math.ceil(rng.expovariate(rate))))
            fired += 1
            if fired == args.events and not done.triggered:
                done.succeed()

    for _ in range(args.entities):
        env.process(entity(env))
    start = time.thread_time()
    env.run(until=done)
    elapsed = time.thread_time() - start
    print(json.dumps({"engine": "simpy", "simpy_version": simpy.__version__, "entities": args.entities,
                      "events": fired, "seconds": round(elapsed, 3),
                      "events_per_second": round(fired / elapsed)}))


if __name__ == "__main__":
    main()
