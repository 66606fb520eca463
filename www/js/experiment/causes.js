// Why threads can run slower side by side than alone, by what a workload's threads do with
// memory: the noise note, the lessons' readings and Karp-Flatt's caption name the same causes.
import { wordList } from '../input.js';

/** What slows any workload's threads side by side, whatever they do with memory. */
const ANY_WORKLOAD = ['logical cores that share one physical core (hyper-threading)',
  'a clock that drops when more cores are busy (most laptops and phones)', 'other programs using the cores'];

/** What a workload's own use of memory adds, by the catalogue's `memory` (null: not known). */
const OWN = {
  'shared-writes': ['threads that write the same data (its cache line passed from core to core)'],
  streams: ['memory bandwidth, which the threads share'],
  compute: [],
};

/**
 * Why threads can each run slower side by side than alone, for a workload whose threads do
 * `memory` with memory (the catalogue's declaration, carried by SweepResults): only the causes
 * that can apply to it. `ruledOut` is a sentence where its kind rules some out (arithmetic on a
 * few values per thread has neither contention for data nor a memory bandwidth to share), else
 * ''; `list` ends with other programs, so that "rule out the last" can follow it.
 */
export function slowdownCauses(memory) {
  const own = OWN[memory] ?? [...OWN['shared-writes'], 'memory bandwidth'];
  const ruledOut = memory === 'compute' ? 'This workload does arithmetic on a few values per thread and writes nothing another ' +
    'thread reads, so neither contention for data nor memory bandwidth applies. ' : '';
  return { ruledOut, list: wordList([...own, ...ANY_WORKLOAD], 'or') };
}

